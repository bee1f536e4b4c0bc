import type { z } from "zod";
import type { ResolvedAccount } from "../../account";
import { HttpClient, HttpMethod, HttpResponse, snippet } from "../../http/client";
import { AuthError, VendorApiError } from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { RefusalVocabulary, refusalKind, vendorError } from "../classify";
import * as S from "./schemas";

/** Tokens live one hour; renew 5 minutes early so a long deployment never sends one that dies in flight. */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const RENEW_MARGIN_MS = 5 * 60 * 1000;

/** A call as its name reads: method and path template, e.g. "GET /users/{userId}/sub-users/{id}". */
export type OxylabsCall = `${HttpMethod} /${string}`;

const LOGIN: OxylabsCall = "POST /login";

/** Oxylabs documents no 409; a duplicate username is a 400 whose message says so (the message is read for 400 only). */
const VOCABULARY: RefusalVocabulary = {
  auth: { codes: [401, 403] },
  notFound: { codes: [404] },
  conflict: { codes: [409], message: /already exists|already taken|duplicate/i },
};

interface Session {
  userId: string;
  token: string;
  /** When the login was sent: the token's hour started no earlier. */
  at: number;
}

export interface OxylabsRequest {
  /** Path parameters other than {userId}, which comes from the session. */
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  idempotent: boolean;
}

/**
 * Oxylabs residential/mobile Public API v2: REST with HTTP statuses. One
 * login per account (the registry keeps one per process), shared by
 * concurrent callers, renewed before the hour runs out and once on a 401.
 */
export class OxylabsTransport {
  readonly vendor = "oxylabs";
  private readonly http: HttpClient;
  /** `value` is set once the login succeeded; until then callers join `promise`. */
  private session?: { promise: Promise<Session>; value?: Session };

  constructor(private readonly account: ResolvedAccount) {
    this.http = new HttpClient("oxylabs", account.baseUrl);
  }

  /**
   * The shared session. Decided synchronously, so a burst of callers (first
   * call, proactive renewal, or a wave of 401s) starts exactly one login.
   * `rejected` is a token the vendor refused: only a different one will do.
   */
  private currentSession(rejected?: string): Promise<Session> {
    const cur = this.session;
    if (cur && (!cur.value || (cur.value.token !== rejected && Date.now() - cur.value.at < TOKEN_LIFETIME_MS - RENEW_MARGIN_MS))) {
      return cur.promise;
    }
    const entry: { promise: Promise<Session>; value?: Session } = { promise: this.login() };
    entry.promise.then(
      (s) => (entry.value = s),
      // A failed login is not cached: the next call tries again.
      () => {
        if (this.session === entry) this.session = undefined;
      },
    );
    this.session = entry;
    return entry.promise;
  }

  private async login(): Promise<Session> {
    const { username, password } = this.account;
    if (!username || !password) {
      throw new AuthError({ vendor: this.vendor, call: LOGIN, reason: "the account has no main-user username or password" });
    }
    const basic = Buffer.from(`${username}:${password}`).toString("base64");
    registerSecret(basic);
    const at = Date.now();
    const r = await this.http.request({ call: LOGIN, method: "POST", path: "/login", headers: { Authorization: `Basic ${basic}` }, idempotent: true });
    // Login has no parameters besides the credentials, so any refusal is about them.
    if (r.status === 400 || r.status === 401 || r.status === 403) {
      const said = vendorMessage(r);
      throw new AuthError({
        vendor: this.vendor,
        call: LOGIN,
        status: r.status,
        reason: `the Oxylabs main-user login was rejected${said ? ` (${said})` : ""}`,
        hint:
          "Check the account's username and password (the main user: the first user in the dashboard's user list). " +
          "Oxylabs also rejects logins with a recently changed main-user password: log in with the original password or contact Oxylabs support",
      });
    }
    if (r.status !== 200) throw this.error(LOGIN, r);
    const body = parseResponse(S.LoginResponse, r.data, this.vendor, LOGIN, r.status);
    registerSecret(body.token);
    return { userId: body.user_id, token: body.token, at };
  }

  /** An authenticated call, answered as it came. A 401 means the token died early: log in again and repeat once (the vendor did not act). */
  async send(call: OxylabsCall, req: OxylabsRequest): Promise<HttpResponse> {
    const [method, template] = call.split(" ") as [HttpMethod, string];
    const once = (s: Session) =>
      this.http.request({
        call,
        method,
        path: template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(name === "userId" ? s.userId : (req.params?.[name] ?? ""))),
        query: req.query,
        body: req.body,
        headers: { Authorization: `Bearer ${s.token}` },
        idempotent: req.idempotent,
      });
    const first = await this.currentSession();
    const r = await once(first);
    if (r.status !== 401) return r;
    return once(await this.currentSession(first.token));
  }

  /** A call that must answer one of `ok` (default 200), its body read with `schema`. */
  async call<T extends z.ZodType>(call: OxylabsCall, req: OxylabsRequest, schema: T, ok: readonly number[] = [200]): Promise<z.infer<T>> {
    const r = await this.send(call, req);
    this.expect(call, r, ok);
    return parseResponse(schema, r.data, this.vendor, call, r.status);
  }

  /** Throws the typed error unless the answer has one of the `ok` statuses. */
  expect(call: OxylabsCall, r: HttpResponse, ok: readonly number[]): void {
    if (!ok.includes(r.status)) throw this.error(call, r);
  }

  /** The typed error for a non-2xx answer, with the vendor's own message. */
  error(call: OxylabsCall, r: HttpResponse): VendorApiError {
    const said = vendorMessage(r);
    const d = { vendor: this.vendor, call, status: r.status, reason: said ?? `unexpected answer: ${snippet(r.data)}` };
    const kind = refusalKind(VOCABULARY, r.status, r.status === 400 ? said : undefined);
    if (kind === "auth") return vendorError(kind, { ...d, hint: "The Oxylabs token was refused even right after a fresh login" });
    // A status Oxylabs does not document for refusals is not its API answering.
    if (kind === "rejected" && r.status !== 400 && r.status !== 422) return vendorError("shape", { ...d, reason: `unexpected HTTP ${r.status}: ${said ?? snippet(r.data)}` });
    return vendorError(kind, d);
  }
}

function vendorMessage(r: HttpResponse): string | undefined {
  const parsed = S.ErrorBody.safeParse(r.data);
  return parsed.success ? parsed.data.error : undefined;
}
