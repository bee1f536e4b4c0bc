import { stackConfig } from "../../dynamic/config";
import { InsufficientBalanceError, ProviderError } from "../../http/errors";
import { roundMoney } from "../../vendors/price";

/**
 * The per-update spend budget (`proxy:maxSpendPerUpdate`, or
 * PROXY_MAX_SPEND_PER_UPDATE): one plugin process serves a whole
 * deployment, so it can add up what the update plans (at check, so a
 * preview already fails) and what it orders (at create, reserved before
 * the order is placed), and refuse the purchase that would go over. A
 * purchase counts with its quote (the highest reading), or its maxPrice
 * where the vendor gives no quote. Amounts of different vendors are added
 * in their own currencies.
 */
const CONFIG_KEY = "proxy:maxSpendPerUpdate";
const ENV_KEY = "PROXY_MAX_SPEND_PER_UPDATE";

interface Entry {
  what: string;
  amount: number;
}

/** What this process has counted: planned (checks) and ordered (creates), separately. */
const ledgers: Record<"planned" | "ordered", Entry[]> = { planned: [], ordered: [] };

/** The budget, or undefined when none is set. A value that is not a number ≥ 0 is an error naming the key. */
export function spendBudget(): number | undefined {
  const fromConfig = stackConfig()(CONFIG_KEY);
  const raw = fromConfig ?? process.env[ENV_KEY];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw new ProviderError(`${fromConfig !== undefined ? `${CONFIG_KEY} (stack config)` : ENV_KEY} must be a number of 0 or more, not ${JSON.stringify(raw)}`);
  }
  return n;
}

const total = (entries: Entry[]) => roundMoney(entries.reduce((n, e) => n + e.amount, 0));
const listed = (entries: Entry[]) => (entries.length === 0 ? "nothing yet" : `${total(entries)} (${entries.map((e) => `${e.what} ${e.amount}`).join(", ")})`);

/**
 * Counts one purchase against the budget, or says why it cannot be
 * bought: the amount would take the ledger over the budget, or (amount
 * undefined) the price cannot be known before buying. Returns a release
 * function that takes the amount back (a purchase that bought nothing).
 */
function count(ledger: "planned" | "ordered", what: string, amount: number | undefined): { reason?: string; release: () => void; settle: (actual: number | undefined) => void } {
  const budget = spendBudget();
  const none = { release: () => undefined, settle: () => undefined };
  if (budget === undefined) return none;
  const entries = ledgers[ledger];
  const verb = ledger === "planned" ? "plans" : "has ordered";
  if (amount === undefined) {
    return { ...none, reason: `${CONFIG_KEY} is ${budget}, and the ${what} has neither a vendor quote nor a maxPrice, so its cost cannot be counted; set maxPrice where the vendor allows one, or raise or unset ${CONFIG_KEY} for this update` };
  }
  const after = roundMoney(total(entries) + amount);
  if (after > budget) {
    return { ...none, reason: `${CONFIG_KEY} is ${budget}: this update ${verb} ${listed(entries)}, and the ${what} (${amount}) would take it to ${after}` };
  }
  const entry = { what, amount: roundMoney(amount) };
  entries.push(entry);
  return {
    release: () => {
      const i = entries.indexOf(entry);
      if (i >= 0) entries.splice(i, 1);
    },
    // What was charged, where the vendor says, replaces the estimate.
    settle: (actual) => {
      if (actual !== undefined && Number.isFinite(actual) && actual >= 0) entry.amount = roundMoney(actual);
    },
  };
}

/** At check, for a resource that would buy: undefined, or the failure reason for `maxPrice`'s check. */
export function planSpend(what: string, amount: number | undefined): string | undefined {
  return count("planned", what, amount).reason;
}

/**
 * At create, around the order: refuses before ordering when the budget
 * would be exceeded; otherwise runs `buy` and counts what it charged. A
 * purchase that failed saying nothing was bought gives its amount back;
 * any other failure keeps it counted, since the vendor may have taken it.
 */
export async function withinSpendBudget<T extends { price?: number }>(what: string, amount: number | undefined, buy: () => Promise<T>): Promise<T> {
  const r = count("ordered", what, amount);
  if (r.reason) throw new ProviderError(`${r.reason}; nothing was bought`);
  try {
    const bought = await buy();
    r.settle(bought.price);
    return bought;
  } catch (e) {
    if (e instanceof InsufficientBalanceError || (e instanceof Error && /nothing was bought/.test(e.message) && !("id" in e))) r.release();
    throw e;
  }
}

/** For tests in one process: forget what was counted. */
export function resetSpendLedgers(): void {
  ledgers.planned.length = 0;
  ledgers.ordered.length = 0;
}
