import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as grpcModule from "@grpc/grpc-js";
import { wrapSecret } from "./secrets";
import type { StackConfig } from "./runProgram";
import type { Props } from "./values";

// gRPC and protobuf as the SDK's own generated modules load them: a user's project need not hoist them.
const fromSdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = fromSdk("@grpc/grpc-js") as typeof grpcModule;
// The generated protobuf modules have no typings; the engine's side of the wire is built from them.
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");
const structproto = fromSdk("google-protobuf/google/protobuf/struct_pb");

export interface CheckFailure {
  property: string;
  reason: string;
}

/** pulumirpc.DiffResponse.DiffChanges */
export enum DiffChanges {
  Unknown = 0,
  None = 1,
  Some = 2,
}

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  diffs: string[];
  deleteBeforeReplace: boolean;
}

/** A failed plugin call, with the message the engine would show (no "2 UNKNOWN: " prefix). */
export class PluginCallError extends Error {
  constructor(
    message: string,
    readonly code: number,
    /** ErrorResourceInitFailed: the object exists (id, properties) but did not finish initializing. */
    readonly initFailed?: { id: string; properties: Props; reasons: string[] },
  ) {
    super(message);
  }
}

/** Struct.fromJavaScript rejects undefined; the engine never sends it either. */
function toStruct(o: Props | undefined): unknown {
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(o ?? {})));
}

const fromStruct = (s: any): Props | undefined => (s ? (s.toJavaScript() as Props) : undefined);

/** Decodes grpc-status-details-bin (a google.rpc.Status) the way the engine does. */
function callError(e: grpcModule.ServiceError): PluginCallError {
  const message = e.details || e.message;
  const bin = e.metadata?.get("grpc-status-details-bin")?.[0];
  if (bin) {
    const status = statusproto.Status.deserializeBinary(bin as Buffer);
    for (const any of status.getDetailsList()) {
      if (String(any.getTypeName()).endsWith("pulumirpc.ErrorResourceInitFailed")) {
        const d = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue());
        return new PluginCallError(message, e.code, { id: d.getId(), properties: fromStruct(d.getProperties()) ?? {}, reasons: d.getReasonsList() });
      }
    }
  }
  return new PluginCallError(message, e.code);
}

export interface PluginStartOptions {
  pluginPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives the plugin's stdout and stderr as they arrive. */
  onLog: (text: string) => void;
}

/**
 * One dynamic-provider plugin process, spoken to over gRPC as the engine
 * does. Started with the project's cwd, so the `__provider` closure's
 * `require(...)` calls resolve as they would for a user.
 */
export class PluginProcess {
  /** Peak resident memory (kB, from /proc at stop; Linux only). */
  peakRssKb?: number;
  /** CPU time the plugin used, user + system (ms, from /proc at stop; Linux only). */
  cpuMs?: number;

  private constructor(
    private readonly proc: ChildProcess,
    private readonly client: any,
  ) {}

  static async start(opts: PluginStartOptions): Promise<PluginProcess> {
    // The engine passes its own address; this plugin never dials it.
    const proc = spawn(process.execPath, [opts.pluginPath, "127.0.0.1:1"], { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let early = "";
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      const onStdout = (d: Buffer) => {
        stdout += d.toString();
        const m = /^(\d+)\s*$/m.exec(stdout);
        if (!m) return;
        proc.stdout!.off("data", onStdout);
        proc.off("exit", onExit);
        opts.onLog(stdout.replace(m[0], ""));
        resolve(Number(m[1]));
      };
      const onExit = (code: number | null, signal: string | null) => reject(new Error(`plugin ${opts.pluginPath} exited (${signal ?? code}) before printing its port:\n${stdout}${early}`));
      proc.stdout!.on("data", onStdout);
      proc.stderr!.on("data", (d: Buffer) => (early += d.toString()));
      proc.on("exit", onExit);
      proc.on("error", reject);
    });
    opts.onLog(early);
    proc.stderr!.removeAllListeners("data");
    proc.stdout!.on("data", (d: Buffer) => opts.onLog(d.toString()));
    proc.stderr!.on("data", (d: Buffer) => opts.onLog(d.toString()));
    return new PluginProcess(proc, new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
  }

  private call(method: string, req: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
      this.client[method](req, (err: grpcModule.ServiceError | null, resp: unknown) => (err ? reject(callError(err)) : resolve(resp)));
    });
  }

  /** The engine names the resource on every request, besides its URN. */
  private request(Request: any, urn: string): any {
    const req = new Request();
    const [, , qualifiedType, name] = urn.split("::");
    req.setUrn(urn);
    req.setType(qualifiedType.split("$").pop());
    req.setName(name);
    return req;
  }

  /**
   * The default provider's Configure: the whole stack config, namespaces kept
   * (pulumi/pulumi#17229), secret values in the secret sentinel.
   */
  async configure(config: StackConfig, project: string, stack: string): Promise<void> {
    const args: Props = {};
    for (const [k, v] of Object.entries(config)) args[k] = v.secret ? wrapSecret(v.value) : v.value;
    const req = this.request(provproto.ConfigureRequest, `urn:pulumi:${stack}::${project}::pulumi:providers:pulumi-nodejs::default`);
    req.setArgs(toStruct(args));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    req.setSendsOldInputs(true);
    req.setSendsOldInputsToDelete(true);
    await this.call("configure", req);
  }

  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }> {
    const req = this.request(provproto.CheckRequest, urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    req.setRandomseed(randomBytes(32));
    const resp = await this.call("check", req);
    return {
      inputs: fromStruct(resp.getInputs()) ?? {},
      failures: resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, oldOutputs: Props, news: Props, oldInputs: Props): Promise<DiffResult> {
    const req = this.request(provproto.DiffRequest, urn);
    req.setId(id);
    req.setOlds(toStruct(oldOutputs));
    req.setNews(toStruct(news));
    req.setOldInputs(toStruct(oldInputs));
    const resp = await this.call("diff", req);
    return { changes: resp.getChanges(), replaces: resp.getReplacesList(), diffs: resp.getDiffsList(), deleteBeforeReplace: resp.getDeletebeforereplace() };
  }

  async create(urn: string, inputs: Props): Promise<{ id: string; properties: Props }> {
    const req = this.request(provproto.CreateRequest, urn);
    req.setProperties(toStruct(inputs));
    const resp = await this.call("create", req);
    return { id: resp.getId(), properties: fromStruct(resp.getProperties()) ?? {} };
  }

  /** `properties` are the old outputs on refresh; absent (empty) for import and `.get`. */
  async read(urn: string, id: string, properties: Props | undefined, inputs: Props | undefined): Promise<{ id: string; properties: Props; inputs?: Props }> {
    const req = this.request(provproto.ReadRequest, urn);
    req.setId(id);
    if (properties) req.setProperties(toStruct(properties));
    if (inputs) req.setInputs(toStruct(inputs));
    const resp = await this.call("read", req);
    return { id: resp.getId(), properties: fromStruct(resp.getProperties()) ?? {}, inputs: fromStruct(resp.getInputs()) };
  }

  async update(urn: string, id: string, oldOutputs: Props, news: Props, oldInputs: Props): Promise<Props> {
    const req = this.request(provproto.UpdateRequest, urn);
    req.setId(id);
    req.setOlds(toStruct(oldOutputs));
    req.setNews(toStruct(news));
    req.setOldInputs(toStruct(oldInputs));
    const resp = await this.call("update", req);
    return fromStruct(resp.getProperties()) ?? {};
  }

  async delete(urn: string, id: string, outputs: Props, oldInputs: Props): Promise<void> {
    const req = this.request(provproto.DeleteRequest, urn);
    req.setId(id);
    req.setProperties(toStruct(outputs));
    req.setOldInputs(toStruct(oldInputs));
    await this.call("delete", req);
  }

  async stop(): Promise<void> {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, "utf8"));
      if (m) this.peakRssKb = Number(m[1]);
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime and stime, in clock ticks (100 per second on Linux).
      const stat = readFileSync(`/proc/${this.proc.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      this.cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // not Linux, or already gone
    }
    this.client.close();
    // A killed process has a signalCode and no exitCode; either means it is gone.
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const exited = new Promise((r) => this.proc.once("exit", r));
      this.proc.kill();
      await exited;
    }
  }
}
