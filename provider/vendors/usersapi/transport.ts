import type { z } from "zod";
import type { ResolvedAccount } from "../../account";
import { HttpClient, snippet } from "../../http/client";
import { UncertainOutcomeError } from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { RefusalVocabulary, refusalKind, statusKind, vendorError } from "../classify";
import { readAllPages } from "../paging";
import * as S from "./schemas";

/** Asked for on every page; the server may send fewer (see readAllPages). */
export const PAGE_SIZE = 100;

/** A call as its name reads: method and path template, e.g. "GET /api/users/subuser/{id}". */
export type UsersApiCall = `${"GET" | "POST"} /api/users/${string}`;

type Query = Record<string, string | number | boolean | undefined>;

export interface UsersApiRequest<T extends z.ZodType> {
  /** Values of the path template's `{name}` parts. */
  params?: Record<string, string>;
  query?: Query;
  body?: unknown;
  idempotent: boolean;
  /** What `data` of a successful answer is. */
  schema: T;
}

/**
 * The doc names no failure codes, so both the code and the message are read
 * (a bad key may come as HTTP 401 or as HTTP 200 with a code and a message only).
 */
const VOCABULARY: RefusalVocabulary = {
  auth: { codes: [401, 403], message: /api.?key|token|unauthori[sz]ed|unauthenticated|authenticat|未授权|无权限|认证|鉴权|令牌|登录/i },
  notFound: { codes: [404], message: /not (?:be )?found|n[o']t exist|不存在/i },
  conflict: { codes: [409], message: /already exist|duplicate|重复|已存在/i },
  balance: { codes: [402], message: /insufficient|余额不足/i },
};

/**
 * The /api/users/... API's transport (shared/vendor-docs/usersapi.zh.txt):
 * Bearer api key, `{code, message, data}` answers with code 0 for success,
 * paged lists read to the end.
 */
export class UsersApiTransport {
  readonly vendor = "usersapi";
  private readonly http: HttpClient;

  constructor(private readonly account: ResolvedAccount) {
    registerSecret(account.apiKey);
    this.http = new HttpClient("usersapi", account.baseUrl);
  }

  /**
   * One call; returns `data` of a code-0 envelope, or a typed error. A write
   * that is not safe to repeat and is answered without a readable envelope
   * (an empty or cut-off body behind HTTP 200) may have taken effect: it is
   * an UncertainOutcomeError, so callers look before they act again.
   */
  async call<T extends z.ZodType>(call: UsersApiCall, req: UsersApiRequest<T>): Promise<z.infer<T>> {
    const [method, template] = call.split(" ") as ["GET" | "POST", string];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(req.params?.[name] ?? ""));
    const r = await this.http.request({ call, method, path, query: req.query, body: req.body, headers: { Authorization: `Bearer ${this.account.apiKey}` }, idempotent: req.idempotent });
    // Business errors come as HTTP 200 with a code; any other status is not the
    // documented API (often a wrong baseUrl), so it is never read as "not found".
    if (r.status < 200 || r.status >= 300) {
      const d = { vendor: this.vendor, call, status: r.status };
      if (statusKind(r.status) === "auth") throw vendorError("auth", { ...d, reason: `api key rejected: ${vendorMessage(r.data)}`, hint: "Check the account's apiKey" });
      throw vendorError("rejected", { ...d, reason: `unexpected HTTP status: ${vendorMessage(r.data)}`, hint: r.status === 404 ? "Check the account's baseUrl" : undefined });
    }
    const env = S.Envelope.safeParse(r.data);
    if (!env.success && !req.idempotent) {
      throw new UncertainOutcomeError({
        vendor: this.vendor,
        call,
        status: r.status,
        reason: `answered HTTP ${r.status} with ${r.data === undefined ? "an empty body" : `a body that is not the documented {code, message} answer (${snippet(r.data)})`}; the vendor may or may not have acted on it`,
      });
    }
    const e = env.success ? env.data : parseResponse(S.Envelope, r.data, this.vendor, call, r.status);
    if (e.code !== 0) {
      const message = e.message ?? e.msg ?? "";
      const kind = refusalKind(VOCABULARY, e.code, message);
      throw vendorError(kind, { vendor: this.vendor, call, code: e.code, reason: message || "no message", hint: kind === "auth" ? "Check the account's apiKey" : undefined });
    }
    return parseResponse(req.schema, e.data ?? null, this.vendor, call, r.status);
  }

  /** Every record of a paged list (GET: paging in the query; POST: in the body). */
  readPages<T>(call: UsersApiCall, params: Query, parse: (raw: unknown) => T, key: (record: T) => string): Promise<T[]> {
    const get = call.startsWith("GET ");
    return readAllPages({
      vendor: this.vendor,
      call,
      fetchPage: async (page) => {
        const paging = { ...params, page, page_size: PAGE_SIZE };
        const data = await this.call(call, { ...(get ? { query: paging } : { body: paging }), idempotent: true, schema: S.Page });
        return { records: (data.records ?? []).map(parse), total: data.total ?? undefined };
      },
      idOf: key,
      withoutTotal: "until-empty",
    });
  }
}

/** The vendor's message from an envelope, else a short excerpt of the body. */
function vendorMessage(data: unknown): string {
  const d = data as { message?: unknown; msg?: unknown } | null;
  const m = d?.message ?? d?.msg;
  return typeof m === "string" && m !== "" ? m : snippet(data);
}
