import { ConflictError, NotFoundError, RequestRejectedError } from "../../http/errors";
import { Batcher, ItemOutcome, itemFailed, itemOk } from "../batcher";
import { AppKeyAccounts, newest } from "./accounts";
import type { AppKeyTransport } from "./transport";

/** One account of a whitelist-account/add batch. */
export interface AddItem {
  username: string;
  password: string;
  remark: string;
  productType: number;
}

export type StatusCall = "whitelist-account/delete" | "whitelist-account/enable" | "whitelist-account/disable";

/**
 * Concurrent creates, deletes and enable/disable calls, coalesced into the
 * platform's comma-separated batch calls. A batch that fails for some of its
 * items only (a duplicate, an unknown name) is resolved per item, so each
 * caller gets its own outcome.
 */
export class AppKeyAccountBatches {
  private readonly adds: Batcher<AddItem>;
  private readonly statusCalls: Record<"delete" | "enable" | "disable", Batcher<string>>;

  constructor(
    private readonly t: AppKeyTransport,
    private readonly accounts: AppKeyAccounts,
  ) {
    // remark and product_type are per call, so they key the batches.
    this.adds = new Batcher((items) => this.sendAdd(items), { key: (i) => `${i.productType}|${i.remark}` });
    const status = (call: StatusCall) => new Batcher<string>((names) => this.sendStatus(call, names));
    this.statusCalls = { delete: status("whitelist-account/delete"), enable: status("whitelist-account/enable"), disable: status("whitelist-account/disable") };
  }

  /** Items waiting in a batch: writes a fresh list read must wait for. */
  queued(): number {
    return this.adds.queued() + Object.values(this.statusCalls).reduce((n, b) => n + b.queued(), 0);
  }

  /** Adds one account, in the next whitelist-account/add batch. */
  add(item: AddItem): Promise<void> {
    return this.adds.add(item);
  }

  /** Deletes, enables or disables one account by name, in the next batch of that call. */
  status(kind: "delete" | "enable" | "disable", name: string): Promise<void> {
    return this.statusCalls[kind].add(name);
  }

  /** One whitelist-account/add per batch; each item settled on its own. */
  private async sendAdd(items: AddItem[]): Promise<Array<ItemOutcome<void>>> {
    // The same username twice in one call would sink it whole: only the first is sent.
    const first = new Map<string, number>();
    const out: Array<ItemOutcome<void> | undefined> = items.map((it, i) => {
      if (!first.has(it.username)) {
        first.set(it.username, i);
        return undefined;
      }
      return itemFailed(new ConflictError(this.t.details("whitelist-account/add", `username "${it.username}" was requested twice at the same time`)));
    });
    const unique = [...first.values()];
    const results = await this.addSome(unique.map((i) => items[i]));
    unique.forEach((i, k) => (out[i] = results[k]));
    return out as Array<ItemOutcome<void>>;
  }

  private async addSome(items: AddItem[]): Promise<Array<ItemOutcome<void>>> {
    const call = "whitelist-account/add";
    const oneByOne = () => Promise.all(items.map(async (i) => (await this.addSome([i]))[0]));
    try {
      await this.accounts.write(
        call,
        { accounts: items.map((i) => `${i.username}:${i.password}`).join(","), remark: items[0].remark, product_type: items[0].productType },
        items.map((i) => i.password),
        false,
      );
    } catch (e) {
      if (e instanceof ConflictError) {
        if (items.length === 1) return [itemFailed(this.conflictFor(e, items[0].username))];
        // The platform refuses the whole batch (the fake names one username; real deployments may name none):
        // the names already listed fail, the rest are sent again.
        let listed: Set<string>;
        try {
          listed = new Set((await this.accounts.listSubUsers({ fresh: true })).map((a) => a.username));
        } catch {
          return oneByOne();
        }
        const rest = items.filter((i) => !listed.has(i.username));
        if (rest.length === items.length) return oneByOne();
        const restOut = rest.length > 0 ? await this.addSome(rest) : [];
        return items.map((i) => (listed.has(i.username) ? itemFailed(this.conflictFor(e, i.username)) : restOut[rest.indexOf(i)]));
      }
      // A refused value concerns one item: each caller gets its own answer.
      if (items.length > 1 && this.t.isValidationError(e)) return oneByOne();
      return items.map(() => itemFailed(e));
    }
    return items.map(() => itemOk(undefined));
  }

  private conflictFor(e: ConflictError, username: string): ConflictError {
    return new ConflictError(
      this.t.details(e.call, `username "${username}" already exists (vendor says: ${e.reason})`, {
        status: e.status,
        code: e.code,
        hint: "A username deleted in the last few minutes stays taken until the vendor settles the delete",
      }),
    );
  }

  /** One call per batch; a batch refused for an unknown name is settled per name. */
  private async sendStatus(call: StatusCall, names: string[]): Promise<Array<ItemOutcome<void>>> {
    const results = await this.statusSome(call, [...new Set(names)]);
    return names.map((n) => results.get(n)!);
  }

  private async statusSome(call: StatusCall, names: string[]): Promise<Map<string, ItemOutcome<void>>> {
    const out = new Map<string, ItemOutcome<void>>();
    const oneByOne = async () => {
      for (const m of await Promise.all(names.map((n) => this.statusSome(call, [n])))) m.forEach((v, k) => out.set(k, v));
      return out;
    };
    try {
      await this.accounts.write(call, { accounts: names.join(",") });
      names.forEach((n) => out.set(n, itemOk(undefined)));
      return out;
    } catch (e) {
      if (e instanceof NotFoundError) {
        if (names.length === 1) {
          out.set(names[0], await this.notFoundOutcome(call, names[0], e));
          return out;
        }
        let listed: Set<string>;
        try {
          listed = new Set((await this.accounts.listSubUsers({ fresh: true })).map((a) => a.username));
        } catch {
          return oneByOne();
        }
        const rest = names.filter((n) => listed.has(n));
        // A name still listed but refused (a settling delete) cannot be told apart: one by one.
        if (rest.length === names.length) return oneByOne();
        names.filter((n) => !listed.has(n)).forEach((n) => out.set(n, itemOk(undefined)));
        if (call !== "whitelist-account/delete") {
          for (const n of names.filter((x) => !listed.has(x))) out.set(n, itemFailed(new NotFoundError(this.t.details(call, `account "${n}" not found (vendor says: ${e.reason})`, { code: e.code }))));
        }
        if (rest.length > 0) (await this.statusSome(call, rest)).forEach((v, k) => out.set(k, v));
        return out;
      }
      if (names.length > 1 && this.t.isValidationError(e)) return oneByOne();
      names.forEach((n) => out.set(n, itemFailed(e)));
      return out;
    }
  }

  /**
   * "Not found" for one name. Deleting what is gone (or already being
   * deleted) is done, but only once the list agrees: a deployment that
   * wants the prefixed name in calls (A7) answers "not found" for the bare
   * one, and that must not leave the account behind. Enabling or disabling
   * a missing account is an error.
   */
  private async notFoundOutcome(call: StatusCall, name: string, e: NotFoundError): Promise<ItemOutcome<void>> {
    const missing = itemFailed(new NotFoundError(this.t.details(call, `account "${name}" not found (vendor says: ${e.reason})`, { code: e.code })));
    if (call !== "whitelist-account/delete") return missing;
    const still = newest(await this.accounts.listSubUsers({ fresh: true }), name);
    if (!still || this.accounts.recentlyDeleted.get(name) === still.vendorId) return itemOk(undefined);
    const listedAs = this.accounts.listedNames.get(name);
    if (listedAs && listedAs !== name) {
      try {
        await this.accounts.write(call, { accounts: listedAs });
        return itemOk(undefined);
      } catch (e2) {
        return itemFailed(e2);
      }
    }
    return itemFailed(new RequestRejectedError(this.t.details(call, `the vendor says account "${name}" does not exist, but it is still listed (id ${still.vendorId}); it was not deleted`, { code: e.code })));
  }
}
