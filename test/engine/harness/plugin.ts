import { ChildProcess, spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");

export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

export interface CheckFailure {
  property: string;
  reason: string;
}

export enum DiffChanges {
  Unknown = 0,
  None = 1,
  Some = 2,
}

/** A Create that failed after the vendor made the object (ErrorResourceInitFailed). */
export class PartialCreateError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
  ) {
    super(message);
  }
}

/** Struct.fromJavaScript rejects undefined; the engine never sends it either. */
function toStruct(o: Props): unknown {
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(o ?? {})));
}

/**
 * One dynamic-provider plugin process, spoken to over gRPC exactly as the
 * engine does. Started with the project's cwd, so the `__provider` closure's
 * `require("pulumi-proxy-accounts/...")` resolves as it would for a user.
 */
export class PluginProcess {
  logs = "";
  private constructor(
    private readonly proc: ChildProcess,
    private readonly client: any,
  ) {}

  static async start(opts: { pluginPath: string; cwd: string; env: NodeJS.ProcessEnv }): Promise<PluginProcess> {
    const proc = spawn(process.execPath, [opts.pluginPath, "127.0.0.1:1"], { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let logs = "";
    const port = await new Promise<number>((resolve, reject) => {
      let buf = "";
      const onData = (d: Buffer) => {
        buf += d.toString();
        const m = /^(\d+)\s*$/m.exec(buf);
        if (m) {
          proc.stdout!.off("data", onData);
          resolve(Number(m[1]));
        }
      };
      proc.stdout!.on("data", onData);
      proc.stderr!.on("data", (d: Buffer) => (logs += d.toString()));
      proc.on("exit", (code) => reject(new Error(`plugin exited (${code}) before printing its port: ${logs}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const plugin = new PluginProcess(proc, client);
    plugin.logs = logs;
    proc.stdout!.on("data", (d: Buffer) => (plugin.logs += d.toString()));
    proc.stderr!.on("data", (d: Buffer) => (plugin.logs += d.toString()));
    return plugin;
  }

  /** The engine also sends the type and name the URN encodes. */
  private named(req: any, urn: string): void {
    const [, , type, name] = urn.split("::");
    if (typeof req.setType === "function") req.setType(type);
    if (typeof req.setName === "function") req.setName(name);
  }

  private call<T>(method: string, req: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      // The engine reports a failed call by its status details (without grpc-js's "2 UNKNOWN: " prefix).
      this.client[method](req, (err: grpc.ServiceError | null, resp: T) => (err ? reject(err.metadata?.get("grpc-status-details-bin")?.length ? err : Object.assign(new Error(err.details ?? err.message), { code: err.code })) : resolve(resp)));
    });
  }

  async configure(config: Record<string, { value: string; secret?: boolean }>): Promise<void> {
    const args: Props = {};
    for (const [k, v] of Object.entries(config)) args[k] = v.secret ? { [SECRET_SIG_KEY]: SECRET_SIG, value: v.value } : v.value;
    const req = new provproto.ConfigureRequest();
    req.setArgs(toStruct(args));
    await this.call("configure", req);
  }

  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    this.named(req, urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const resp = await this.call<any>("check", req);
    return {
      inputs: resp.getInputs()?.toJavaScript() ?? {},
      failures: resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: Props, news: Props, oldInputs: Props) {
    const req = new provproto.DiffRequest();
    req.setUrn(urn);
    this.named(req, urn);
    req.setId(id);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    req.setOldInputs(toStruct(oldInputs));
    const resp = await this.call<any>("diff", req);
    return {
      changes: resp.getChanges() as DiffChanges,
      replaces: resp.getReplacesList() as string[],
      deleteBeforeReplace: resp.getDeletebeforereplace() as boolean,
    };
  }

  async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    this.named(req, urn);
    req.setProperties(toStruct(properties));
    try {
      const resp = await this.call<any>("create", req);
      return { id: resp.getId(), properties: resp.getProperties()?.toJavaScript() ?? {} };
    } catch (e) {
      throw partialOrPlain(e as grpc.ServiceError);
    }
  }

  async read(urn: string, id: string, properties: Props, inputs: Props): Promise<{ id: string; properties: Props; inputs?: Props }> {
    const req = new provproto.ReadRequest();
    req.setUrn(urn);
    this.named(req, urn);
    req.setId(id);
    req.setProperties(toStruct(properties));
    req.setInputs(toStruct(inputs));
    const resp = await this.call<any>("read", req);
    const respInputs = resp.getInputs()?.toJavaScript();
    return { id: resp.getId(), properties: resp.getProperties()?.toJavaScript() ?? {}, inputs: respInputs && Object.keys(respInputs).length > 0 ? respInputs : undefined };
  }

  async update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<Props> {
    const req = new provproto.UpdateRequest();
    req.setUrn(urn);
    this.named(req, urn);
    req.setId(id);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    req.setOldInputs(toStruct(oldInputs));
    try {
      const resp = await this.call<any>("update", req);
      return resp.getProperties()?.toJavaScript() ?? {};
    } catch (e) {
      throw partialOrPlain(e as grpc.ServiceError);
    }
  }

  async delete(urn: string, id: string, properties: Props, oldInputs: Props): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setUrn(urn);
    this.named(req, urn);
    req.setId(id);
    req.setProperties(toStruct(properties));
    req.setOldInputs(toStruct(oldInputs));
    await this.call("delete", req);
  }

  /** Peak resident memory of the plugin process (kB), read from /proc before it exits; undefined off Linux. */
  peakRssKb?: number;

  async stop(): Promise<void> {
    try {
      const status = require("node:fs").readFileSync(`/proc/${this.proc.pid}/status`, "utf8") as string;
      const m = /VmHWM:\s+(\d+) kB/.exec(status);
      if (m) this.peakRssKb = Number(m[1]);
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

/** Decodes ErrorResourceInitFailed details the way the engine does. */
function partialOrPlain(e: grpc.ServiceError): Error {
  const bin = e.metadata?.get("grpc-status-details-bin")?.[0];
  if (bin) {
    const status = statusproto.Status.deserializeBinary(bin as Buffer);
    for (const any of status.getDetailsList()) {
      if (String(any.getTypeName()).endsWith("ErrorResourceInitFailed")) {
        const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue());
        return new PartialCreateError(e.details ?? e.message, detail.getId(), detail.getProperties()?.toJavaScript() ?? {});
      }
    }
  }
  return new Error(e.details ?? e.message);
}
