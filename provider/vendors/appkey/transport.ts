import type { z } from "zod";
import type { ResolvedAccount } from "../../account";
import { HttpClient, snippet } from "../../http/client";
import {
  AuthError,
  RequestRejectedError,
  ResponseShapeError,
  UncertainOutcomeError,
  VendorApiError,
  VendorErrorDetails,
} from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { RefusalVocabulary, refusalKind, statusKind, vendorError } from "../classify";
import type { AppKeyCapabilities } from "./deployments";
import * as S from "./schemas";

/**
 * Success codes. The general text of every deployment's doc says 200; the
 * order, product and payment examples show 0 (docs/vendor-ambiguities.md
 * A1). Neither is ever documented as a failure, so both mean success on
 * every call.
 */
const SUCCESS_CODES = new Set([0, 200]);
const CODE_BAD_KEY = 3;
const CODE_NOT_VERIFIED = 156;
/**
 * Failure codes the docs leave open; the messages are what is relied on
 * (A14). Code 3 is the one documented code: a bad app_key.
 */
const VOCABULARY: RefusalVocabulary = {
  auth: { codes: [CODE_BAD_KEY] },
  notFound: { message: /不存在|未找到|not found|does not exist|doesn't exist|no such|nicht gefunden|existiert nicht/i },
  conflict: { message: /已存在|已被使用|已被占用|重复|already exists?|already in use|already taken|duplicate|existiert bereits/i },
  balance: { message: /余额不足|insufficient|not enough balance|balance is not enough|guthaben/i },
};

type Body = Record<string, unknown>;

/** Replaces the request's passwords (letters and digits, so whole words) in a vendor message, whatever their length. */
function scrub(text: string, passwords: readonly string[]): string {
  let out = text;
  for (const p of passwords) {
    if (!p) continue;
    const esc = p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(^|[^A-Za-z0-9])${esc}(?![A-Za-z0-9])`, "g"), "$1***");
  }
  return out;
}

/**
 * The app_key platform's transport: `{code, msg|message, data}` answers,
 * app_key where every reading of the docs finds it, and the vendor's codes
 * and messages mapped to the typed errors. A write that is not idempotent
 * and whose answer cannot be read is an UncertainOutcomeError: the vendor
 * may have acted, so callers look before they act again.
 */
export class AppKeyTransport {
  readonly vendor: string;
  readonly http: HttpClient;

  constructor(
    private readonly account: ResolvedAccount,
    private readonly caps: AppKeyCapabilities,
  ) {
    this.vendor = account.vendor;
    this.http = new HttpClient(account.vendor, account.baseUrl + account.pathPrefix);
  }

  details(call: string, reason: string, extra: Partial<VendorErrorDetails> = {}): VendorErrorDetails {
    return { vendor: this.vendor, call, reason, ...extra };
  }

  /** A read: app_key in the query; `data` of a successful answer. */
  async get<T extends z.ZodType>(call: string, query: Body, schema: T): Promise<z.infer<T>> {
    const r = await this.http.request({ call, method: "GET", path: `/${call}`, query: { ...query, app_key: this.account.appKey } as never, idempotent: true });
    return this.unwrap(call, r.status, r.data, schema, { idempotent: true, passwords: [] });
  }

  /**
   * A write. app_key goes in the JSON body (the examples) and in the query
   * (911Proxy's text: "muss über den Query-Parameter übergeben werden"), so
   * every reading finds it (A3). `passwords` sent in the body are scrubbed
   * from the vendor's message.
   */
  async post<T extends z.ZodType>(call: string, body: Body, opts: { idempotent: boolean; schema: T; passwords?: readonly string[] }): Promise<z.infer<T>> {
    const r = await this.http.request({
      call,
      method: "POST",
      path: `/${call}`,
      query: { app_key: this.account.appKey },
      body: { ...body, app_key: this.account.appKey },
      idempotent: opts.idempotent,
    });
    return this.unwrap(call, r.status, r.data, opts.schema, { idempotent: opts.idempotent, passwords: opts.passwords ?? [] });
  }

  private unwrap<T extends z.ZodType>(call: string, status: number, data: unknown, schema: T, o: { idempotent: boolean; passwords: readonly string[] }): z.infer<T> {
    if (statusKind(status) === "auth") throw this.badKey(call, status);
    if (status < 200 || status >= 300) throw this.httpError(call, status, data);
    try {
      const env = parseResponse(S.Envelope, data, this.vendor, call, status);
      if (!SUCCESS_CODES.has(env.code)) throw this.businessError(call, env.code, scrub(env.msg ?? env.message ?? "", o.passwords));
      return parseResponse(schema, env.data ?? null, this.vendor, call, status);
    } catch (e) {
      // A write answered 2xx that cannot be read (empty, HTML, truncated, another shape): the vendor may have acted.
      if (!o.idempotent && e instanceof ResponseShapeError) {
        throw new UncertainOutcomeError(this.details(call, `the answer could not be read (${e.reason}); the vendor may or may not have acted on it`, { status }));
      }
      throw e;
    }
  }

  private badKey(call: string, status?: number): AuthError {
    return new AuthError(this.details(call, "app_key rejected", { status, code: status === undefined ? CODE_BAD_KEY : undefined, hint: "Check the account's appKey" }));
  }

  businessError(call: string, code: number, msg: string): VendorApiError {
    const d = this.details(call, msg || "no message", { code });
    if (code === CODE_NOT_VERIFIED) {
      return new RequestRejectedError({
        ...d,
        reason: "the vendor account has not completed real-name verification",
        hint: `Complete verification in the vendor dashboard (vendor says: ${msg || "code 156"})`,
      });
    }
    const kind = refusalKind(VOCABULARY, code, msg);
    if (kind === "auth") return vendorError(kind, { ...d, reason: "app_key rejected", hint: "Check the account's appKey" });
    if (kind === "balance") return vendorError(kind, { ...d, reason: `insufficient balance: ${msg}`, hint: "Top up the account balance; nothing was bought" });
    return vendorError(kind, d);
  }

  /** A non-2xx HTTP status that the HTTP layer did not handle (it retries 429 and 5xx). */
  private httpError(call: string, status: number, data: unknown): VendorApiError {
    if (status === 404) {
      return new RequestRejectedError(this.details(call, `this deployment (${this.caps.deployment}-style API under "${this.account.pathPrefix}") has no such call`, { status }));
    }
    return new RequestRejectedError(this.details(call, `unexpected HTTP status: ${snippet(data)}`, { status }));
  }

  /** The vendor refused a value (not the credentials, not the account's verification): a batch may be retried item by item. */
  isValidationError(e: unknown): boolean {
    return e instanceof RequestRejectedError && e.status === undefined && e.code !== undefined && e.code !== CODE_NOT_VERIFIED;
  }
}
