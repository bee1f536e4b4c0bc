import type * as pulumi from "@pulumi/pulumi";
import type { TrafficPackageSpec } from "../../vendors/types";
import { compact } from "../common/inputs";
import { checkPurchase, diffPurchase, purchaseApi, purchaseLabel, purchaseOutputs, spendOf, warnRelease } from "../purchase/common";
import { withinSpendBudget } from "../purchase/budget";

import { TRAFFIC_PACKAGE_RULES } from "./schema";

export { TRAFFIC_PACKAGE_RULES };

type Props = Record<string, unknown>;


export function trafficSpec(inputs: Props): TrafficPackageSpec {
  return compact({
    proxyType: inputs.proxyType as TrafficPackageSpec["proxyType"],
    packageId: inputs.packageId as number | undefined,
    productId: inputs.productId as number | undefined,
    paymentMethodId: inputs.paymentMethodId as number | undefined,
    amount: inputs.amount as number | undefined,
    couponCode: inputs.couponCode as string | undefined,
  });
}

export const trafficPackageProvider: pulumi.dynamic.ResourceProvider = {
  check: (olds: Props, news: Props) =>
    checkPurchase("TrafficPackage", TRAFFIC_PACKAGE_RULES, olds, news, (client, inputs) => client.quoteTrafficPackage(trafficSpec(inputs))),

  async diff(_id: string, olds: Props, news: Props) {
    return diffPurchase(TRAFFIC_PACKAGE_RULES, olds, news);
  },

  async create(inputs: Props) {
    const { account, client } = purchaseApi(inputs);
    const state = await withinSpendBudget(purchaseLabel("TrafficPackage", account.vendor, inputs), spendOf(inputs), () =>
      client.purchaseTrafficPackage(trafficSpec(inputs), { maxPrice: inputs.maxPrice as number | undefined }),
    );
    return { id: state.orderId, outs: purchaseOutputs(inputs, account, state) };
  },

  async read(id: string, props: Props) {
    const { account, client } = purchaseApi(props);
    const state = await client.getTrafficPackage(id, trafficSpec(props));
    if (!state) return { id: "", props: {} };
    const outs = purchaseOutputs(props, account, state);
    return { id: state.orderId, props: outs };
  },

  async update(_id: string, olds: Props, news: Props) {
    // Only maxPrice or credentials changed: nothing to buy or send.
    const { account } = purchaseApi(news);
    return { outs: { ...olds, ...news, endpoint: purchaseOutputs(news, account, { orderId: _id, status: String(olds.status ?? "") }).endpoint } };
  },

  async delete(id: string, props: Props) {
    const { account, client } = purchaseApi(props);
    const state = await client.getTrafficPackage(id, trafficSpec(props));
    const outcome = state ? await client.releaseTrafficPackage(state, trafficSpec(props)) : "forgotten";
    warnRelease("TrafficPackage", account, id, outcome);
  },
};
