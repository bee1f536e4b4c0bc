import type * as pulumi from "@pulumi/pulumi";
import { ResolvedAccount, endpointOf, familyOf } from "../../account";
import { warn } from "../../dynamic/log";
import type { RenewalState, StaticIpRenewalSpec } from "../../vendors/types";
import { NO_RENEWAL_PRICE } from "../../vendors/usersapi/purchases";
import { compact } from "../common/inputs";
import { withinSpendBudget } from "../purchase/budget";
import { checkPurchase, diffPurchase, purchaseApi, purchaseLabel, spendOf, warnRelease } from "../purchase/common";

import { STATIC_IP_RENEWAL_RULES } from "./schema";

export { STATIC_IP_RENEWAL_RULES };

type Props = Record<string, unknown>;


export function renewalSpec(inputs: Props): StaticIpRenewalSpec {
  return compact({
    orderId: inputs.orderId as string,
    proxyType: inputs.proxyType as StaticIpRenewalSpec["proxyType"],
    renewalProductId: inputs.renewalProductId as number | undefined,
    paymentMethodId: inputs.paymentMethodId as number | undefined,
    renewDuration: inputs.renewDuration as StaticIpRenewalSpec["renewDuration"],
  });
}

/** The renewal as recorded in state (outputs), for reading it again. */
function knownRenewal(props: Props): RenewalState {
  return compact({
    renewalOrderId: props.renewalOrderId as string | undefined,
    price: props.price as number | undefined,
    status: (props.status as string | undefined) ?? "paid",
    expiresAt: props.expiresAt as string | undefined,
  });
}

function renewalOutputs(inputs: Props, account: ResolvedAccount, state: RenewalState): Props {
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
export const staticIpRenewalProvider: pulumi.dynamic.ResourceProvider = {
  check: (olds: Props, news: Props) =>
    checkPurchase(
      "StaticIpRenewal",
      STATIC_IP_RENEWAL_RULES,
      olds,
      news,
      (client, inputs) => client.quoteStaticIpRenewal(renewalSpec(inputs)),
      (account) => (familyOf(account.vendor) === "usersapi" ? NO_RENEWAL_PRICE : undefined),
    ),

  async diff(_id: string, olds: Props, news: Props) {
    // Every arg but maxPrice is part of what was renewed: a change is another renewal (another purchase).
    return diffPurchase(STATIC_IP_RENEWAL_RULES, olds, news);
  },

  async create(inputs: Props) {
    const { account, client } = purchaseApi(inputs);
    const spec = renewalSpec(inputs);
    try {
      const state = await withinSpendBudget(purchaseLabel("StaticIpRenewal", account.vendor, inputs), spendOf(inputs), () =>
        client.renewStaticIpOrder(spec, { maxPrice: inputs.maxPrice as number | undefined }),
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

  async read(id: string, props: Props) {
    const { account, client } = purchaseApi(props);
    const importing = props.status === undefined;
    const known = knownRenewal(props);
    if (importing && familyOf(account.vendor) === "appkey") known.renewalOrderId = id;
    const state = await client.getStaticIpRenewal(known, renewalSpec(props));
    if (!state) {
      // Import of an order that is not there: nothing to take over.
      if (importing) return { id: "", props: {} };
      warn(`StaticIpRenewal ${id} at ${account.vendor}: the vendor no longer lists ${known.renewalOrderId !== undefined ? `renewal order ${known.renewalOrderId}` : `static-IP order ${String(props.orderId)}`}; the renewal stays in the stack as made (dropping it would renew again on the next up).`);
      return { id, props: renewalOutputs(props, account, known) };
    }
    return { id, props: renewalOutputs(props, account, state) };
  },

  async update(_id: string, olds: Props, news: Props) {
    // maxPrice or the account's credentials changed (or a paid-above-maxPrice create is being finished): nothing to buy.
    const { account, client } = purchaseApi(news);
    const known = knownRenewal(olds);
    const state = (await client.getStaticIpRenewal(known, renewalSpec(news))) ?? known;
    return { outs: renewalOutputs(news, account, state) };
  },

  async delete(id: string, props: Props) {
    const { account, client } = purchaseApi(props);
    const outcome = await client.releaseStaticIpRenewal(knownRenewal(props));
    warnRelease("StaticIpRenewal", account, id, outcome);
  },
};
