import { NotFoundError, RequestRejectedError, ResponseShapeError, VendorApiError } from "../../http/errors";
import { sameIp } from "../ipAddress";
import { ListCache } from "../listCache";
import { readAllPages } from "../paging";
import { parseRecords } from "../records";
import { PRODUCT_TYPE_CODES, ProductTypeName, WhitelistApi, WhitelistEntryState, WhitelistSpec, productTypeName } from "../types";
import type { AppKeyCapabilities } from "./deployments";
import * as S from "./schemas";
import type { AppKeyTransport } from "./transport";

const VERIFICATION_MSG = /验证|verif/i;

/** The IP whitelist (proxy-ip calls) of the app_key platform: ProxyLite documents it; entries have no ids, so `"<productTypeCode>/<ip>"` is one. */
export class AppKeyWhitelist implements WhitelistApi {
  readonly vendor: string;
  private readonly entries: ListCache<WhitelistEntryState[]>;

  constructor(
    private readonly t: AppKeyTransport,
    private readonly caps: AppKeyCapabilities,
  ) {
    this.vendor = t.vendor;
    this.entries = new ListCache(() => this.loadWhitelist());
  }

  /** proxy-ip/list: unpaged in the docs; read like whitelist-account/list (A10). */
  private async loadWhitelist(): Promise<WhitelistEntryState[]> {
    const call = "proxy-ip/list";
    const rows = await readAllPages({
      vendor: this.vendor,
      call,
      idOf: (w: S.WhitelistEntry) => `${w.product_type ?? ""}/${w.ip}`,
      fetchPage: async (page) => {
        const { rows, total } = S.listRows(await this.t.get(call, page === 1 ? {} : { page, page_no: page }, S.ListData));
        return { records: parseRecords(S.WhitelistEntry, rows, this.vendor, call), total };
      },
    });
    return rows.map((w) => {
      const code = w.product_type || 9;
      return { entryId: `${code}/${w.ip}`, ip: w.ip, remark: w.remark, productType: productTypeName(code), createdAt: w.created_at };
    });
  }

  async listWhitelist(opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState[]> {
    this.requireWhitelist();
    return this.entries.get(opts.fresh);
  }

  async getWhitelistEntry(entryId: string, opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    const [code, ...rest] = entryId.split("/");
    const ip = rest.join("/");
    return (await this.listWhitelist(opts)).find((w) => w.entryId === entryId || (w.entryId.startsWith(`${code}/`) && sameIp(w.ip, ip)));
  }

  async findWhitelistEntry(ip: string, productType: ProductTypeName = "residential", opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    return (await this.listWhitelist(opts)).find((w) => sameIp(w.ip, ip) && (w.productType ?? "residential") === productType);
  }

  async addWhitelistIp(spec: WhitelistSpec): Promise<WhitelistEntryState> {
    this.requireWhitelist();
    const productType = spec.productType ?? "residential";
    await this.entries.during(() =>
      this.t.post(
        "proxy-ip/add",
        { ips: spec.ip, remark: spec.remark ?? "", product_type: PRODUCT_TYPE_CODES[productType], user_product_id: spec.userProductId },
        { idempotent: false, schema: S.Nothing },
      ),
    );
    const entry = await this.findWhitelistEntry(spec.ip, productType);
    if (!entry) throw new ResponseShapeError(this.t.details("proxy-ip/add", `${spec.ip} is missing from the whitelist after it was added`));
    return entry;
  }

  async deleteWhitelistIp(entry: WhitelistEntryState): Promise<void> {
    this.requireWhitelist();
    try {
      await this.entries.during(() => this.t.post("proxy-ip/delete", { ips: entry.ip }, { idempotent: true, schema: S.Nothing }));
    } catch (e) {
      if (e instanceof NotFoundError) return;
      if (e instanceof VendorApiError && VERIFICATION_MSG.test(e.reason)) {
        throw new RequestRejectedError(
          this.t.details("proxy-ip/delete", `the vendor requires a verification code to remove ${entry.ip} from the whitelist`, {
            code: e.code,
            hint: "Remove it in the vendor dashboard (or turn off delete verification there), then run `pulumi refresh`",
          }),
        );
      }
      throw e;
    }
  }

  private requireWhitelist(): void {
    if (!this.caps.ipWhitelist) throw new RequestRejectedError(this.t.details("proxy-ip", "this deployment's API has no IP whitelist calls"));
  }
}
