import type { Balance } from "../lookupTypes";
import * as S from "./schemas";
import type { UsersApiCall, UsersApiTransport } from "./transport";

const WALLET: UsersApiCall = "GET /api/users/wallet/info";

export interface WalletInfo {
  /** Dollars. */
  balance: number;
  totalConsume: number;
  totalRecharge: number;
  /** The API's own unit, US cents. */
  balanceCents: number;
  totalConsumeCents: number;
  totalRechargeCents: number;
  pricePerGb: { residential?: number; datacenter?: number; mobile?: number };
  pricePerGbCents: { residential?: number; datacenter?: number; mobile?: number };
}

/** The usersapi wallet: what purchases are paid from. */
export class UsersApiWallet {
  constructor(private readonly t: UsersApiTransport) {}

  /** Wallet balance and totals: the API's US cents, and the same in dollars. */
  async walletInfo(): Promise<WalletInfo> {
    const w = await this.t.call(WALLET, { idempotent: true, schema: S.Wallet });
    const cents = { balanceCents: w.balance, totalConsumeCents: w.total_consume ?? 0, totalRechargeCents: w.total_recharge ?? 0 };
    const prices = { residential: w.res_price ?? undefined, datacenter: w.dc_price ?? undefined, mobile: w.mobile_price ?? undefined };
    return {
      ...cents,
      balance: dollars(cents.balanceCents),
      totalConsume: dollars(cents.totalConsumeCents),
      totalRecharge: dollars(cents.totalRechargeCents),
      pricePerGbCents: prices,
      pricePerGb: { residential: dollarsOpt(prices.residential), datacenter: dollarsOpt(prices.datacenter), mobile: dollarsOpt(prices.mobile) },
    };
  }

  /** The balance look-up, in dollars. */
  async balance(): Promise<Balance> {
    const w = await this.walletInfo();
    return { balance: w.balance, currency: "USD", totalConsumed: w.totalConsumeCents / 100 };
  }
}

/** Cents to dollars without float noise (1234 -> 12.34). */
function dollars(cents: number): number {
  return Math.round(cents) / 100;
}

function dollarsOpt(cents: number | undefined): number | undefined {
  return cents === undefined ? undefined : dollars(cents);
}
