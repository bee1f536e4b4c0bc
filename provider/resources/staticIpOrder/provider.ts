import type * as pulumi from "@pulumi/pulumi";
import { ProviderError } from "../../http/errors";
import type { StaticIpOrderSpec } from "../../vendors/types";
import { sameValue } from "../common/inputs";
import { type PurchaseInputs, type PurchaseOutputs, checkPurchase, diffPurchase, purchaseApi, purchaseLabel, purchaseOutputs, purchaseSpec, spendOf, warnRelease } from "../purchase/common";
import { withinSpendBudget } from "../purchase/budget";
import type { StaticIpOrderArgs } from "./args";
import { STATIC_IP_ORDER_RULES } from "./schema";

export { STATIC_IP_ORDER_RULES };

type StaticIpOrderInputs = PurchaseInputs<StaticIpOrderArgs>;
type StaticIpOrderOutputs = PurchaseOutputs<StaticIpOrderArgs>;

export function staticSpec(inputs: StaticIpOrderInputs): StaticIpOrderSpec {
  return purchaseSpec(STATIC_IP_ORDER_RULES, inputs);
}

export const staticIpOrderProvider = {
  // The engine sends whatever the program declared: check takes plain records and makes them Inputs.
  check: (olds: Record<string, unknown>, news: Record<string, unknown>) =>
    checkPurchase("StaticIpOrder", STATIC_IP_ORDER_RULES, olds, news, (client, inputs) => client.quoteStaticIpOrder(purchaseSpec(STATIC_IP_ORDER_RULES, inputs))),

  async diff(_id, olds, news) {
    return diffPurchase(STATIC_IP_ORDER_RULES, olds, news);
  },

  async create(inputs) {
    const { account, client } = purchaseApi(inputs);
    const state = await withinSpendBudget(purchaseLabel("StaticIpOrder", account.vendor, inputs), spendOf(inputs), () =>
      client.purchaseStaticIpOrder(staticSpec(inputs), { maxPrice: inputs.maxPrice }),
    );
    return { id: state.orderId, outs: purchaseOutputs(inputs, account, state) };
  },

  async read(id, props) {
    const known = (props ?? {}) as StaticIpOrderOutputs;
    const { account, client } = purchaseApi(known);
    const state = await client.getStaticIpOrder(id, staticSpec(known));
    if (!state) return { id: "", props: {} as StaticIpOrderOutputs };
    return { id: state.orderId, props: purchaseOutputs(known, account, state) };
  },

  async update(id, olds, news) {
    const { account, client } = purchaseApi(news);
    const changes: { autoRenew?: boolean; remark?: string } = {};
    if (!sameValue(olds.autoRenew, news.autoRenew) && news.autoRenew !== undefined) changes.autoRenew = news.autoRenew;
    if (!sameValue(olds.remark, news.remark) && news.remark !== undefined) changes.remark = news.remark;
    let state = await client.getStaticIpOrder(id, staticSpec(news));
    if (!state) throw new ProviderError(`${account.vendor}: static-IP order ${id} no longer exists; run \`pulumi refresh\`.`);
    if (Object.keys(changes).length > 0) {
      await client.updateStaticIpOrder(state, staticSpec(news), changes);
      state = { ...state, ...changes };
    }
    return { outs: purchaseOutputs(news, account, state) };
  },

  async delete(id, props) {
    const { account, client } = purchaseApi(props);
    const state = await client.getStaticIpOrder(id, staticSpec(props));
    const outcome = state ? await client.releaseStaticIpOrder(state, staticSpec(props)) : "forgotten";
    warnRelease("StaticIpOrder", account, id, outcome);
  },
} satisfies pulumi.dynamic.ResourceProvider<StaticIpOrderInputs, StaticIpOrderOutputs>;
