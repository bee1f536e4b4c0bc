import type * as pulumi from "@pulumi/pulumi";
import { ProviderError } from "../../http/errors";
import type { StaticIpOrderSpec } from "../../vendors/types";
import { compact, sameValue } from "../common/inputs";
import { checkPurchase, diffPurchase, purchaseApi, purchaseLabel, purchaseOutputs, spendOf, warnRelease } from "../purchase/common";
import { withinSpendBudget } from "../purchase/budget";

import { STATIC_IP_ORDER_RULES } from "./schema";

export { STATIC_IP_ORDER_RULES };

type Props = Record<string, unknown>;


export function staticSpec(inputs: Props): StaticIpOrderSpec {
  return compact({
    proxyType: inputs.proxyType as StaticIpOrderSpec["proxyType"],
    country: inputs.country as string | undefined,
    protocol: inputs.protocol as StaticIpOrderSpec["protocol"],
    pricePackageId: inputs.pricePackageId as number | undefined,
    autoRenew: inputs.autoRenew as boolean | undefined,
    remark: inputs.remark as string | undefined,
    productId: inputs.productId as number | undefined,
    paymentMethodId: inputs.paymentMethodId as number | undefined,
    regions: inputs.regions as StaticIpOrderSpec["regions"],
    renewDuration: inputs.renewDuration as string | undefined,
  });
}

export const staticIpOrderProvider: pulumi.dynamic.ResourceProvider = {
  check: (olds: Props, news: Props) =>
    checkPurchase("StaticIpOrder", STATIC_IP_ORDER_RULES, olds, news, (client, inputs) => client.quoteStaticIpOrder(staticSpec(inputs))),

  async diff(_id: string, olds: Props, news: Props) {
    return diffPurchase(STATIC_IP_ORDER_RULES, olds, news);
  },

  async create(inputs: Props) {
    const { account, client } = purchaseApi(inputs);
    const state = await withinSpendBudget(purchaseLabel("StaticIpOrder", account.vendor, inputs), spendOf(inputs), () =>
      client.purchaseStaticIpOrder(staticSpec(inputs), { maxPrice: inputs.maxPrice as number | undefined }),
    );
    return { id: state.orderId, outs: purchaseOutputs(inputs, account, state) };
  },

  async read(id: string, props: Props) {
    const { account, client } = purchaseApi(props);
    const state = await client.getStaticIpOrder(id, staticSpec(props));
    if (!state) return { id: "", props: {} };
    return { id: state.orderId, props: purchaseOutputs(props, account, state) };
  },

  async update(id: string, olds: Props, news: Props) {
    const { account, client } = purchaseApi(news);
    const changes: { autoRenew?: boolean; remark?: string } = {};
    if (!sameValue(olds.autoRenew, news.autoRenew) && news.autoRenew !== undefined) changes.autoRenew = news.autoRenew as boolean;
    if (!sameValue(olds.remark, news.remark) && news.remark !== undefined) changes.remark = news.remark as string;
    let state = await client.getStaticIpOrder(id, staticSpec(news));
    if (!state) throw new ProviderError(`${account.vendor}: static-IP order ${id} no longer exists; run \`pulumi refresh\`.`);
    if (Object.keys(changes).length > 0) {
      await client.updateStaticIpOrder(state, staticSpec(news), changes);
      state = { ...state, ...changes };
    }
    return { outs: purchaseOutputs(news, account, state) };
  },

  async delete(id: string, props: Props) {
    const { account, client } = purchaseApi(props);
    const state = await client.getStaticIpOrder(id, staticSpec(props));
    const outcome = state ? await client.releaseStaticIpOrder(state, staticSpec(props)) : "forgotten";
    warnRelease("StaticIpOrder", account, id, outcome);
  },
};
