import { setStackConfig } from "../../provider/dynamic/config";
import { InsufficientBalanceError, ProviderError, UncertainOutcomeError } from "../../provider/http/errors";
import { planSpend, resetSpendLedgers, withinSpendBudget } from "../../provider/resources/purchase/budget";

beforeEach(() => {
  resetSpendLedgers();
  setStackConfig((k) => (k === "proxy:maxSpendPerUpdate" ? "100" : undefined));
});
afterAll(() => setStackConfig(() => undefined));

test("create-time reservations: counted before ordering, settled to the charge, given back only when nothing was bought", async () => {
  await withinSpendBudget("a", 60, async () => ({ price: 55 }));
  // 55 counted, so 50 more would be 105.
  await expect(withinSpendBudget("b", 50, async () => ({ price: 50 }))).rejects.toThrow(
    "proxy:maxSpendPerUpdate is 100: this update has ordered 55 (a 55), and the b (50) would take it to 105; nothing was bought",
  );
  // A refusal that bought nothing gives the amount back.
  await expect(withinSpendBudget("c", 40, async () => Promise.reject(new ProviderError("too dear; nothing was bought")))).rejects.toThrow(ProviderError);
  await expect(withinSpendBudget("d", 40, async () => Promise.reject(new InsufficientBalanceError({ vendor: "v", call: "c", reason: "short" })))).rejects.toThrow();
  // An uncertain failure keeps it counted: the vendor may have taken the order.
  await expect(withinSpendBudget("e", 40, async () => Promise.reject(new UncertainOutcomeError({ vendor: "v", call: "c", reason: "lost" })))).rejects.toThrow();
  await expect(withinSpendBudget("f", 10, async () => ({ price: 10 }))).rejects.toThrow(/has ordered 95 \(a 55, e 40\)/);
});

test("no budget: nothing is counted or refused", async () => {
  setStackConfig(() => undefined);
  delete process.env.PROXY_MAX_SPEND_PER_UPDATE;
  expect(planSpend("x", 1e9)).toBeUndefined();
  expect(planSpend("y", undefined)).toBeUndefined();
  await expect(withinSpendBudget("z", undefined, async () => ({ price: 5 }))).resolves.toEqual({ price: 5 });
});

test("the environment variable is the fallback", () => {
  setStackConfig(() => undefined);
  process.env.PROXY_MAX_SPEND_PER_UPDATE = "10";
  try {
    expect(planSpend("x", 11)).toBe("proxy:maxSpendPerUpdate is 10: this update plans nothing yet, and the x (11) would take it to 11");
  } finally {
    delete process.env.PROXY_MAX_SPEND_PER_UPDATE;
  }
});
