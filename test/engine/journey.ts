/**
 * A lifecycle told as steps, each a jest test, where a later step needs the
 * state the earlier ones built. Each step runs the steps before it that have
 * not run yet, so any step can run alone (`jest -t "<step name>"`) and still
 * starts from the state it needs; in a full run every step runs once, in order.
 */
export interface Journey {
  /** Declares a step: a test of its own, run after the steps declared before it. */
  step(name: string, body: () => Promise<void> | void, timeoutMs?: number): void;
}

export function journey(): Journey {
  const steps: Array<{ name: string; body: () => Promise<void> | void; outcome?: Promise<void> }> = [];

  const run = (i: number): Promise<void> => {
    const s = steps[i];
    s.outcome ??= Promise.resolve().then(s.body);
    return s.outcome;
  };

  return {
    step(name, body, timeoutMs) {
      const index = steps.length;
      steps.push({ name, body });
      test(
        name,
        async () => {
          for (let i = 0; i < index; i++) {
            try {
              await run(i);
            } catch (e) {
              throw new Error(`an earlier step this one builds on failed: "${steps[i].name}": ${e instanceof Error ? e.message : String(e)}`);
            }
          }
          await run(index);
        },
        timeoutMs,
      );
    },
  };
}
