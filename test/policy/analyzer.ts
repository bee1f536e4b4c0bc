import { ChildProcess, spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import { configEnv, SECRET_SIG, SECRET_SIG_KEY } from "../engine/harness";
import type { StackConfig } from "../engine/harness";

// The generated protobuf modules have no typings; the engine's side of the wire is built from them.
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

type Props = Record<string, unknown>;

/** pulumirpc.EnforcementLevel */
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;
export type EnforcementLevel = (typeof LEVELS)[number];

/** One resource as the engine describes it to an analyzer (plain values; which top-level keys are secret is separate). */
export interface AnalyzedResource {
  urn: string;
  type: string;
  name: string;
  properties: Props;
  secretKeys: string[];
  additionalSecretOutputs?: string[];
  dependencies?: string[];
}

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  urn: string;
}

export interface AnalyzeResult {
  diagnostics: Diagnostic[];
  notApplicable: Array<{ policyName: string; reason: string }>;
}

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  /** The config schema's properties (the SDK adds none; the engine injects enforcementLevel itself). */
  configProperties: Record<string, Record<string, unknown>>;
}

export interface AnalyzerInfo {
  name: string;
  supportsConfig: boolean;
  policies: PolicyInfo[];
}

/** A policy pack config file (`--policy-pack-config`): per policy a level, or an object with enforcementLevel and properties; "all" sets every level. */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Props)>;

/** A property map as the engine marshals it for an analyzer: internal keys (`__provider`) skipped, secrets kept as secrets. */
function toStruct(properties: Props, secretKeys: readonly string[]): unknown {
  const out: Props = {};
  for (const [k, v] of Object.entries(properties)) {
    if (k.startsWith("__") || v === undefined) continue;
    out[k] = secretKeys.includes(k) ? { [SECRET_SIG_KEY]: SECRET_SIG, value: v } : v;
  }
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(out)));
}

function options(r: AnalyzedResource): unknown {
  const opts = new analyzerproto.AnalyzerResourceOptions();
  opts.setAdditionalsecretoutputsList(r.additionalSecretOutputs ?? []);
  opts.setCustomtimeouts(new analyzerproto.AnalyzerResourceOptions.CustomTimeouts());
  return opts;
}

function result(resp: any): AnalyzeResult {
  return {
    diagnostics: resp.getDiagnosticsList().map((d: any) => ({
      policyName: d.getPolicyname(),
      policyPackName: d.getPolicypackname(),
      message: d.getMessage(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()],
      urn: d.getUrn(),
    })),
    notApplicable: resp.getNotApplicableList().map((n: any) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
  };
}

export interface AnalyzerStartOptions {
  /** The policy pack folder (PulumiPolicy.yaml, package.json, index.ts). */
  packDir: string;
  /** Stack config, as the engine passes it in PULUMI_CONFIG. */
  config?: StackConfig;
  project?: string;
  stack?: string;
  dryRun?: boolean;
}

/**
 * A policy pack run as `pulumi preview --policy-pack` runs it: the engine
 * starts `pulumi-analyzer-policy <engine address> .` in the pack folder,
 * a script that resolves `@pulumi/pulumi/cmd/run-policy-pack` from there and
 * runs it with node, with the stack's config and names in the environment.
 * The runner registers ts-node, loads the pack, whose `new PolicyPack(...)`
 * serves the Analyzer gRPC service and prints its port as the first line of
 * stdout. Spoken to with the engine's calls: Handshake, ConfigureStack,
 * GetAnalyzerInfo, Configure, Analyze per resource, AnalyzeStack.
 */
export class AnalyzerProcess {
  /** Everything the pack printed after its port (the engine shows it as diagnostics). */
  output = "";

  private constructor(
    private readonly proc: ChildProcess,
    private readonly client: any,
  ) {}

  static async start(opts: AnalyzerStartOptions): Promise<AnalyzerProcess> {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [opts.packDir] });
    const project = opts.project ?? "proxy-test";
    const stack = opts.stack ?? "dev";
    const dryRun = String(opts.dryRun ?? true);
    const env = {
      ...process.env,
      ...configEnv(opts.config),
      PULUMI_NODEJS_PROJECT: project,
      PULUMI_NODEJS_STACK: stack,
      PULUMI_NODEJS_DRY_RUN: dryRun,
      PULUMI_PROJECT: project,
      PULUMI_STACK: stack,
      PULUMI_DRY_RUN: dryRun,
    };
    // The runner drops the engine address: a pack logs through its stdout and stderr, never dials the engine.
    const proc = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: opts.packDir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      const onStdout = (d: Buffer) => {
        stdout += d.toString();
        const newline = stdout.indexOf("\n");
        if (newline < 0) return;
        proc.stdout!.off("data", onStdout);
        proc.off("exit", onExit);
        // The engine reads the port from the first line; anything printed before it breaks the start.
        const first = stdout.slice(0, newline).trim();
        if (/^\d+$/.test(first)) resolve(Number(first));
        else reject(new Error(`policy pack printed ${JSON.stringify(first)} instead of its port:\n${stdout}${stderr}`));
      };
      const onExit = (code: number | null, signal: string | null) => reject(new Error(`policy pack exited (${signal ?? code}) before printing its port:\n${stdout}${stderr}`));
      proc.stdout!.on("data", onStdout);
      proc.on("exit", onExit);
      proc.on("error", reject);
    });
    const analyzer = new AnalyzerProcess(proc, new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
    proc.stdout!.on("data", (d: Buffer) => (analyzer.output += d.toString()));
    proc.stderr!.on("data", (d: Buffer) => (analyzer.output += d.toString()));
    await analyzer.handshake(opts.packDir);
    await analyzer.configureStack(project, stack, opts.dryRun ?? true, opts.config ?? {});
    return analyzer;
  }

  private call(method: string, req: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
      this.client[method](req, (err: grpc.ServiceError | null, resp: unknown) => (err ? reject(err) : resolve(resp)));
    });
  }

  /** The engine tries Handshake first and falls back to the plain start when the pack does not implement it. */
  private async handshake(packDir: string): Promise<void> {
    const req = new analyzerproto.AnalyzerHandshakeRequest();
    req.setEngineAddress("127.0.0.1:1");
    req.setRootDirectory(packDir);
    req.setProgramDirectory(packDir);
    try {
      await this.call("handshake", req);
    } catch (e) {
      if ((e as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) throw e;
    }
  }

  private async configureStack(project: string, stack: string, dryRun: boolean, config: StackConfig): Promise<void> {
    const req = new analyzerproto.AnalyzerStackConfigureRequest();
    req.setProject(project);
    req.setStack(stack);
    req.setOrganization("organization");
    req.setDryRun(dryRun);
    for (const [k, v] of Object.entries(config)) req.getConfigMap().set(k, v.value);
    req.setConfigSecretKeysList(Object.entries(config).filter(([, v]) => v.secret).map(([k]) => k));
    await this.call("configureStack", req);
  }

  async info(): Promise<AnalyzerInfo> {
    const resp = await this.call("getAnalyzerInfo", new emptyproto.Empty());
    return {
      name: resp.getName(),
      supportsConfig: resp.getSupportsconfig(),
      policies: resp.getPoliciesList().map((p: any) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()],
        configProperties: (p.getConfigschema()?.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
      })),
    };
  }

  /**
   * Configure as the engine sends it: every policy, with the defaults of its
   * config schema, its own level, "all", then the given config on top
   * (ReconcilePolicyPackConfig in pulumi/pulumi).
   */
  async configure(config: PolicyPackConfig = {}): Promise<void> {
    const { policies } = await this.info();
    const all = config.all;
    const req = new analyzerproto.ConfigureAnalyzerRequest();
    for (const p of policies) {
      const given = config[p.name];
      const props: Props = {};
      for (const [k, schema] of Object.entries(p.configProperties)) if ("default" in schema) props[k] = schema.default;
      let level: EnforcementLevel = typeof all === "string" ? all : p.enforcementLevel;
      if (typeof given === "string") level = given;
      else if (given) {
        const { enforcementLevel, ...rest } = given;
        if (enforcementLevel) level = enforcementLevel;
        Object.assign(props, rest);
      }
      const pc = new analyzerproto.PolicyConfig();
      pc.setEnforcementlevel(LEVELS.indexOf(level));
      pc.setProperties(structproto.Struct.fromJavaScript(props));
      req.getPolicyconfigMap().set(p.name, pc);
    }
    await this.call("configure", req);
  }

  /** Analyze: one resource's inputs after the provider's Check, before its step runs. */
  async analyze(r: AnalyzedResource): Promise<AnalyzeResult> {
    const req = new analyzerproto.AnalyzeRequest();
    req.setUrn(r.urn);
    req.setType(r.type);
    req.setName(r.name);
    req.setProperties(toStruct(r.properties, r.secretKeys));
    req.setOptions(options(r));
    return result(await this.call("analyze", req));
  }

  /** AnalyzeStack: every resource of the stack with its final properties, after the steps. */
  async analyzeStack(resources: readonly AnalyzedResource[]): Promise<AnalyzeResult> {
    const req = new analyzerproto.AnalyzeStackRequest();
    req.setResourcesList(
      resources.map((r) => {
        const ar = new analyzerproto.AnalyzerResource();
        ar.setUrn(r.urn);
        ar.setType(r.type);
        ar.setName(r.name);
        ar.setProperties(toStruct(r.properties, r.secretKeys));
        ar.setOptions(options(r));
        ar.setDependenciesList(r.dependencies ?? []);
        return ar;
      }),
    );
    return result(await this.call("analyzeStack", req));
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const exited = new Promise((r) => this.proc.once("exit", r));
      this.proc.kill();
      await exited;
    }
  }
}
