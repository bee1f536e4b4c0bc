import type * as pulumi from "@pulumi/pulumi";
import type { TrafficPackageSpec } from "../../vendors/types";
import { type PurchaseInputs, type PurchaseOutputs, checkPurchase, diffPurchase, purchaseApi, purchaseLabel, purchaseOutputs, purchaseSpec, spendOf, warnRelease } from "../purchase/common";
import { withinSpendBudget } from "../purchase/budget";
import type { TrafficPackageArgs } from "./args";
import { TRAFFIC_PACKAGE_RULES } from "./schema";

export { TRAFFIC_PACKAGE_RULES };

type TrafficPackageInputs = PurchaseInputs<TrafficPackageArgs>;
type TrafficPackageOutputs = PurchaseOutputs<TrafficPackageArgs>;

export function trafficSpec(inputs: TrafficPackageInputs): TrafficPackageSpec {
  return purchaseSpec(TRAFFIC_PACKAGE_RULES, inputs);
}

export const trafficPackageProvider = {
  // The engine sends whatever the program declared: check takes plain records and makes them Inputs.
  check: (olds: Record<string, unknown>, news: Record<string, unknown>) =>
    checkPurchase("TrafficPackage", TRAFFIC_PACKAGE_RULES, olds, news, (client, inputs) => client.quoteTrafficPackage(purchaseSpec(TRAFFIC_PACKAGE_RULES, inputs))),

  async diff(_id, olds, news) {
    return diffPurchase(TRAFFIC_PACKAGE_RULES, olds, news);
  },

  async create(inputs) {
    const { account, client } = purchaseApi(inputs);
    const state = await withinSpendBudget(purchaseLabel("TrafficPackage", account.vendor, inputs), spendOf(inputs), () =>
      client.purchaseTrafficPackage(trafficSpec(inputs), { maxPrice: inputs.maxPrice }),
    );
    return { id: state.orderId, outs: purchaseOutputs(inputs, account, state) };
  },

  async read(id, props) {
    const known = (props ?? {}) as TrafficPackageOutputs;
    const { account, client } = purchaseApi(known);
    const state = await client.getTrafficPackage(id, trafficSpec(known));
    if (!state) return { id: "", props: {} as TrafficPackageOutputs };
    const outs = purchaseOutputs(known, account, state);
    return { id: state.orderId, props: outs };
  },

  async update(id, olds, news) {
    // Only maxPrice or credentials changed: nothing to buy or send.
    const { account } = purchaseApi(news);
    return { outs: { ...olds, ...news, endpoint: purchaseOutputs(news, account, { orderId: id, status: String(olds.status ?? "") }).endpoint } };
  },

  async delete(id, props) {
    const { account, client } = purchaseApi(props);
    const state = await client.getTrafficPackage(id, trafficSpec(props));
    const outcome = state ? await client.releaseTrafficPackage(state, trafficSpec(props)) : "forgotten";
    warnRelease("TrafficPackage", account, id, outcome);
  },
} satisfies pulumi.dynamic.ResourceProvider<TrafficPackageInputs, TrafficPackageOutputs>;
