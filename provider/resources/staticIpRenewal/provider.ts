import type * as pulumi from "@pulumi/pulumi";
import { ResolvedAccount, endpointOf, familyOf } from "../../account";
import { warn } from "../../dynamic/log";
import type { RenewalState, StaticIpRenewalSpec } from "../../vendors/types";
import { NO_RENEWAL_PRICE } from "../../vendors/usersapi/purchases";
import { compact } from "../common/inputs";
import { withinSpendBudget } from "../purchase/budget";
import { type PurchaseInputs, checkPurchase, diffPurchase, purchaseApi, purchaseLabel, purchaseSpec, spendOf, warnRelease } from "../purchase/common";
import type { StaticIpRenewalArgs } from "./args";
import { STATIC_IP_RENEWAL_RULES } from "./schema";

export { STATIC_IP_RENEWAL_RULES };

type Props = Record<string, unknown>;
type StaticIpRenewalInputs = PurchaseInputs<StaticIpRenewalArgs>;
/** Outputs: the inputs plus the renewal as made; `status` is absent only in what an import hands over. */
type StaticIpRenewalOutputs = StaticIpRenewalInputs & Partial<RenewalState> & { price?: number };

export function renewalSpec(inputs: StaticIpRenewalInputs): StaticIpRenewalSpec {
  return purchaseSpec(STATIC_IP_RENEWAL_RULES, inputs);
}

/** The renewal as recorded in state (outputs), for reading it again. */
function knownRenewal(props: StaticIpRenewalOutputs): RenewalState {
  return compact({
    renewalOrderId: props.renewalOrderId,
    price: props.price,
    status: props.status ?? "paid",
    expiresAt: props.expiresAt,
  });
}

function renewalOutputs(inputs: StaticIpRenewalInputs & { price?: number }, account: ResolvedAccount, state: RenewalState): StaticIpRenewalOutputs {
  return compact({
    ...inputs,
    endpoint: endpointOf(account),
    renewalOrderId: state.renewalOrderId,
    // Reported at renewal time only on usersapi (the wallet's charge); keep it.
    price: state.price ?? inputs.price,
    status: state.status,
    expiresAt: state.expiresAt,
  });
}

/** usersapi's rebuy (the id of the resource; the rebuy itself has no order number). */
function derivedId(orderId: string): string {
  return `${orderId}-renewal-${new Date().toISOString().replace(/[-:.]/g, "").slice(0, 15)}`;
}

/**
 * A renewal is a past purchase: state keeps it whatever the vendor shows
 * later, because dropping it on refresh would make the next `up` renew
 * (and pay) again.
 */
export const staticIpRenewalProvider = {
  // The engine sends whatever the program declared: check takes plain records and makes them Inputs.
  check: (olds: Record<string, unknown>, news: Record<string, unknown>) =>
    checkPurchase(
      "StaticIpRenewal",
      STATIC_IP_RENEWAL_RULES,
      olds,
      news,
      (client, inputs) => client.quoteStaticIpRenewal(purchaseSpec(STATIC_IP_RENEWAL_RULES, inputs)),
      (account) => (familyOf(account.vendor) === "usersapi" ? NO_RENEWAL_PRICE : undefined),
    ),

  async diff(_id, olds, news) {
    // Every arg but maxPrice is part of what was renewed: a change is another renewal (another purchase).
    return diffPurchase(STATIC_IP_RENEWAL_RULES, olds, news);
  },

  async create(inputs) {
    const { account, client } = purchaseApi(inputs);
    const spec = renewalSpec(inputs);
    try {
      const state = await withinSpendBudget(purchaseLabel("StaticIpRenewal", account.vendor, inputs), spendOf(inputs), () =>
        client.renewStaticIpOrder(spec, { maxPrice: inputs.maxPrice }),
      );
      return { id: state.renewalOrderId ?? derivedId(spec.orderId), outs: renewalOutputs(inputs, account, state) };
    } catch (e) {
      // Paid above maxPrice (the price moved after the quote): the renewal order is kept in state, under this resource's output names.
      const partial = e as { id?: string; properties?: Props };
      if (partial.id !== undefined && partial.properties) {
        partial.properties = renewalOutputs(inputs, account, { renewalOrderId: partial.id, price: partial.properties.price as number | undefined, status: String(partial.properties.status ?? "paid") });
      }
      throw e;
    }
  },

  async read(id, given) {
    const props = (given ?? {}) as StaticIpRenewalOutputs;
    const { account, client } = purchaseApi(props);
    const importing = props.status === undefined;
    const known = knownRenewal(props);
    if (importing && familyOf(account.vendor) === "appkey") known.renewalOrderId = id;
    const state = await client.getStaticIpRenewal(known, renewalSpec(props));
    if (!state) {
      // Import of an order that is not there: nothing to take over.
      if (importing) return { id: "", props: {} as StaticIpRenewalOutputs };
      warn(`StaticIpRenewal ${id} at ${account.vendor}: the vendor no longer lists ${known.renewalOrderId !== undefined ? `renewal order ${known.renewalOrderId}` : `static-IP order ${String(props.orderId)}`}; the renewal stays in the stack as made (dropping it would renew again on the next up).`);
      return { id, props: renewalOutputs(props, account, known) };
    }
    return { id, props: renewalOutputs(props, account, state) };
  },

  async update(_id, olds, news) {
    // maxPrice or the account's credentials changed (or a paid-above-maxPrice create is being finished): nothing to buy.
    const { account, client } = purchaseApi(news);
    const known = knownRenewal(olds);
    const state = (await client.getStaticIpRenewal(known, renewalSpec(news))) ?? known;
    return { outs: renewalOutputs(news, account, state) };
  },

  async delete(id, props) {
    const { account, client } = purchaseApi(props);
    const outcome = await client.releaseStaticIpRenewal(knownRenewal(props));
    warnRelease("StaticIpRenewal", account, id, outcome);
  },
} satisfies pulumi.dynamic.ResourceProvider<StaticIpRenewalInputs, StaticIpRenewalOutputs>;
