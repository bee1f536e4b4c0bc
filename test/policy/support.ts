import { join } from "node:path";
import { REPO_ROOT } from "../engine/harness";
import type { AnalyzeResult, AnalyzerProcess, EnforcementLevel } from "./analyzer";
import type { PreviewForAnalyzers } from "./preview";

export const PACK_DIR = join(REPO_ROOT, "policy-pack");

/** One violation: the policy, its level, the resource it names (none for a stack-wide one) and the pack's own text. */
export interface Finding {
  policy: string;
  level: EnforcementLevel;
  resource?: string;
  message: string;
}

export interface Evaluation {
  /** From Analyze, resource by resource, in registration order. */
  resources: Finding[];
  /** From AnalyzeStack. */
  stack: Finding[];
  /** Policies that said they do not apply, per Analyze/AnalyzeStack call: "policy: reason". */
  notApplicable: string[];
}

/**
 * The SDK sends a violation as "<policy description>\n<message>"; the
 * description is checked here once, so tests assert the message itself.
 */
function findings(result: AnalyzeResult, descriptions: Map<string, string>, nameOf: (urn: string) => string | undefined, resource?: string): Finding[] {
  return result.diagnostics.map((d) => {
    const prefix = `${descriptions.get(d.policyName)}\n`;
    if (d.policyPackName !== "proxy-accounts-guardrails") throw new Error(`diagnostic from pack ${d.policyPackName}`);
    if (!d.message.startsWith(prefix)) throw new Error(`diagnostic of ${d.policyName} does not start with its description: ${JSON.stringify(d.message)}`);
    const f: Finding = { policy: d.policyName, level: d.enforcementLevel, message: d.message.slice(prefix.length) };
    const named = resource ?? (d.urn ? nameOf(d.urn) : undefined);
    if (named !== undefined) f.resource = named;
    return f;
  });
}

/** What the engine asks the pack during a preview: Analyze for each checked resource, then AnalyzeStack over all. */
export async function evaluate(analyzer: AnalyzerProcess, preview: PreviewForAnalyzers): Promise<Evaluation> {
  const descriptions = new Map((await analyzer.info()).policies.map((p) => [p.name, p.description]));
  const names = new Map(preview.resources.map((r) => [r.analyze.urn, r.name]));
  const nameOf = (urn: string) => names.get(urn);
  const out: Evaluation = { resources: [], stack: [], notApplicable: [] };
  for (const r of preview.resources) {
    const result = await analyzer.analyze(r.analyze);
    out.resources.push(...findings(result, descriptions, nameOf, r.name));
    out.notApplicable.push(...result.notApplicable.map((n) => `${r.name}: ${n.policyName}: ${n.reason}`));
  }
  // Registration order follows the program's promise timing; compare findings in a fixed order.
  const key = (f: Finding) => `${f.resource} ${f.policy} ${f.message}`;
  out.resources.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const stack = await analyzer.analyzeStack(preview.resources.map((r) => r.stack));
  out.stack.push(...findings(stack, descriptions, nameOf));
  out.notApplicable.push(...stack.notApplicable.map((n) => `stack: ${n.policyName}: ${n.reason}`));
  return out;
}
