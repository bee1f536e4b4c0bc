import * as pulumi from "@pulumi/pulumi";
import { setStackConfig } from "../provider/dynamic/config";
import { providerFor } from "../provider/dynamic/handlers";
import type { ResourceKind } from "../provider/dynamic/serializable";
import { accountFromInputs, isUnknown } from "../provider/resources/common/inputs";
import { STATIC_IP_ORDER_SECRET_OUTPUTS } from "../provider/resources/staticIpOrder/schema";
import { STATIC_IP_RENEWAL_SECRET_OUTPUTS } from "../provider/resources/staticIpRenewal/schema";
import { SUBUSER_SECRET_OUTPUTS } from "../provider/resources/subUser/schema";
import { TRAFFIC_PACKAGE_SECRET_OUTPUTS } from "../provider/resources/trafficPackage/schema";
import { WHITELIST_IP_SECRET_OUTPUTS } from "../provider/resources/whitelistIp/schema";
import { mockOutputs } from "./mockOutputs";
import type { CheckFailure } from "./engine/plugin";
import { SECRET_SIG, SECRET_SIG_KEY } from "./engine/secrets";

/** The type token of this package's resources: `pulumi-nodejs:dynamic/proxy:<Kind>`. */
const PROXY_TYPE = /^pulumi-nodejs:dynamic\/proxy:(SubUser|WhitelistIp|TrafficPackage|StaticIpOrder|StaticIpRenewal)$/;
const PURCHASES: ReadonlySet<ResourceKind> = new Set<ResourceKind>(["TrafficPackage", "StaticIpOrder", "StaticIpRenewal"]);
/** Each resource class's additionalSecretOutputs. */
const ALWAYS_SECRET: Record<ResourceKind, readonly string[]> = {
  SubUser: SUBUSER_SECRET_OUTPUTS,
  WhitelistIp: WHITELIST_IP_SECRET_OUTPUTS,
  TrafficPackage: TRAFFIC_PACKAGE_SECRET_OUTPUTS,
  StaticIpOrder: STATIC_IP_ORDER_SECRET_OUTPUTS,
  StaticIpRenewal: STATIC_IP_RENEWAL_SECRET_OUTPUTS,
};

/** The provider's check rejected a resource's args: what `pulumi preview` would have stopped on. */
export class ProxyCheckError extends Error {
  constructor(
    readonly kind: string,
    readonly resourceName: string,
    readonly failures: CheckFailure[],
  ) {
    super(`${kind} "${resourceName}" has invalid args: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    this.name = "ProxyCheckError";
  }
}

/** One resource of this package that the mocks created. */
export interface MockedResource {
  kind: ResourceKind;
  name: string;
  id: string;
  /** The inputs as the provider's check returned them (defaults filled in, IPs in canonical form; `__provider` left out). */
  inputs: Record<string, unknown>;
  /** The outputs handed to the program (secret ones unwrapped here). */
  outputs: Record<string, unknown>;
}

export interface ProxyMocksOptions {
  /**
   * Mocks for every other resource type (`newResource`) and for invokes
   * (`call`). Without them, other resources get id `<name>-id` and their
   * inputs as outputs, and invokes return their args.
   */
  mocks?: Partial<pulumi.runtime.Mocks>;
  /**
   * Whether the check of a TrafficPackage or StaticIpOrder asks for a price
   * quote, as it does in `pulumi preview`. "fakes" (default): only when the
   * resource's account points at a loopback address (the local fakes; no real
   * vendor is there), so `maxPrice` and `estimatedPrice` can be tested
   * offline and a unit test never calls a real vendor. "never": no quote at all.
   */
  quotes?: "fakes" | "never";
}

export interface ProxyMocks extends pulumi.runtime.Mocks {
  /** Every resource of this package created so far, in registration order. */
  readonly resources: MockedResource[];
}

type Props = Record<string, unknown>;

/** Plain values, and the top-level keys that held a secret (the mock monitor hands secrets over wrapped). */
function unwrapSecrets(inputs: Props): { plain: Props; secretKeys: Set<string> } {
  const secretKeys = new Set<string>();
  const unwrap = (v: unknown, top?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => unwrap(x, top));
    if (v && typeof v === "object") {
      const o = v as Props;
      if (o[SECRET_SIG_KEY] === SECRET_SIG) {
        if (top) secretKeys.add(top);
        return unwrap(o.value, top);
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrap(x, top)]));
    }
    return v;
  };
  const plain = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, unwrap(v, k)]));
  return { plain, secretKeys };
}

/** Loopback hosts: where the local fakes listen, and no vendor does. */
function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/**
 * Mocks for `pulumi.runtime.setMocks` that run this package's own check on
 * every SubUser, WhitelistIp, TrafficPackage and StaticIpOrder the program
 * declares, so a unit test fails on args `pulumi preview` would reject (an
 * invalid IP, a misspelt property, an arg the vendor does not have), with
 * the check's own messages. Accepted resources get plausible outputs: the
 * checked inputs (defaults filled in) plus an id, `vendorId`, `orderId`,
 * `endpoint` and the like; credentials and passwords stay secret.
 *
 * The default account comes from the program's config (`pulumi.runtime.setConfig`,
 * `PULUMI_CONFIG`) or `PROXY_*` environment variables, as in a deployment.
 * Nothing is sent to a vendor, except price quotes from the local fakes
 * (see `quotes`). Resources read with `.get` or the `import` option are
 * returned as declared, unchecked.
 */
export function proxyMocks(opts: ProxyMocksOptions = {}): ProxyMocks {
  const resources: MockedResource[] = [];
  let serial = 0;
  const other = opts.mocks ?? {};
  return {
    resources,
    async newResource(args) {
      const kind = PROXY_TYPE.exec(args.type)?.[1] as ResourceKind | undefined;
      if (!kind || args.id) {
        if (other.newResource && !kind) return other.newResource(args);
        return { id: args.id || `${args.name}-id`, state: args.inputs };
      }
      // The engine hands the whole stack config to the provider's configure; here the program's config is that.
      setStackConfig((key) => pulumi.runtime.getConfig(key));
      const { plain, secretKeys } = unwrapSecrets(args.inputs as Props);
      const provider = providerFor(kind);
      // Olds equal to news are a purchase already made, so a purchase's check validates everything but asks for no quote.
      const olds = PURCHASES.has(kind) && !quoteWanted(plain, opts.quotes ?? "fakes") ? plain : {};
      const checked = await provider.check!(olds, plain);
      if (checked.failures && checked.failures.length > 0) throw new ProxyCheckError(kind, args.name, checked.failures);
      const { __provider: _provider, ...inputs } = (checked.inputs ?? plain) as Props;
      serial++;
      const { id, outputs } = mockOutputs(kind, inputs, serial);
      resources.push({ kind, name: args.name, id, inputs, outputs });
      // Secret in the program stays secret, and so do the resource's additionalSecretOutputs.
      const secret = new Set([...secretKeys, ...ALWAYS_SECRET[kind]]);
      const state = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, secret.has(k) ? pulumi.secret(v) : v]));
      return { id, state };
    },
    call(args) {
      return other.call ? other.call(args) : args.inputs;
    },
  };
}

function quoteWanted(inputs: Props, quotes: "fakes" | "never"): boolean {
  if (quotes === "never" || isUnknown(inputs.account)) return false;
  const { account } = accountFromInputs(inputs);
  return account !== undefined && isLoopback(account.baseUrl);
}
