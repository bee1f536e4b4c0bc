import { InsufficientBalanceError, ProviderError, UncertainOutcomeError } from "../../http/errors";
import { describeQuote } from "../price";
import { PurchaseLock } from "../purchaseLock";
import type { Quote } from "../types";
import type { Verdict, WalletEvidence } from "./evidence";
import type { UsersApiCall } from "./transport";
import type { UsersApiWallet } from "./wallet";

/**
 * Paying from the usersapi wallet: limits checked before money moves,
 * purchases of one account serialised (so comparing before and after is
 * unambiguous), and a purchase whose answer was lost judged by the evidence,
 * never repeated blindly.
 */
export class UsersApiCheckout {
  readonly vendor = "usersapi";
  private readonly lock = new PurchaseLock();

  constructor(private readonly walletApi: UsersApiWallet) {}

  /** Runs one purchase at a time for this account. */
  serialised<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }

  async wallet(): Promise<WalletEvidence> {
    const w = await this.walletApi.walletInfo();
    return { balanceCents: w.balanceCents, consumedCents: w.totalConsumeCents };
  }

  /** Against the highest reading, so the limit holds whichever the vendor means. */
  enforceMaxPrice(what: string, quote: Quote, maxPrice: number | undefined): void {
    if (maxPrice !== undefined && quote.price > maxPrice) {
      throw new ProviderError(`usersapi: the ${what} costs ${describeQuote(quote)}, more than maxPrice ${maxPrice}; nothing was bought`);
    }
  }

  /** Against the lowest reading: a wallet short of the real price is refused by the vendor itself, before it charges. */
  enforceBalance(quote: Quote, haveCents: number): void {
    const need = quote.lowest ?? quote.price;
    if (haveCents < Math.round(need * 100)) {
      throw new InsufficientBalanceError({
        vendor: this.vendor,
        call: "GET /api/users/wallet/info",
        reason: `insufficient balance: need ${need} USD, have ${haveCents / 100} USD${quote.price > need ? ` (up to ${quote.price} USD under another reading of the price)` : ""}`,
        hint: "Top up the wallet; nothing was bought",
      });
    }
  }

  /**
   * Buys once. After an uncertain failure (lost answer, 5xx, an empty or
   * unreadable 200) the evidence is read in full: if it shows the purchase,
   * that is the result; if nothing at all changed, the call is made once
   * more; anything else stops with an UncertainOutcomeError saying what to
   * check, and nothing is ordered again.
   */
  async buyOnce(call: UsersApiCall, buy: () => Promise<unknown>, judge: () => Promise<Verdict>, whatToCheck: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await buy();
        return;
      } catch (e) {
        if (!(e instanceof UncertainOutcomeError)) throw e;
        let verdict: Verdict;
        try {
          verdict = await judge();
        } catch (readFailure) {
          throw new UncertainOutcomeError({ vendor: this.vendor, call, reason: `${e.reason}; reading the wallet and the orders afterwards failed too (${(readFailure as Error).message})`, hint: `Nothing was ordered again. ${whatToCheck}` });
        }
        if (verdict.kind === "happened") return;
        if (verdict.kind === "unchanged" && attempt === 0) continue;
        if (verdict.kind === "unchanged") {
          throw new UncertainOutcomeError({ vendor: this.vendor, call, reason: `${e.reason}; the purchase failed twice and neither the wallet nor the orders changed`, hint: "Nothing was bought; retry later" });
        }
        throw new UncertainOutcomeError({ vendor: this.vendor, call, reason: `${e.reason}; ${verdict.explanation}`, hint: `Nothing was ordered again. ${whatToCheck}` });
      }
    }
  }
}
