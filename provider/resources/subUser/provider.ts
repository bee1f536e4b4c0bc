import type * as pulumi from "@pulumi/pulumi";
import { ResolvedAccount, endpointOf } from "../../account";
import { warn } from "../../dynamic/log";
import { NotFoundError, ProviderError } from "../../http/errors";
import { registerSecret } from "../../http/redact";
import { clientFor } from "../../vendors/registry";
import type { SubUserApi, SubUserChanges, SubUserSpec, SubUserState } from "../../vendors/types";
import { createExactlyOnce } from "../common/createExactlyOnce";
import { compact, requireAccount, sameValue } from "../common/inputs";
import { checkSubUser } from "./check";
import { diffSubUser } from "./diff";
import { IN_PLACE_FIELDS, SUBUSER_FIELDS, type SubUserField, type SubUserInputs, type SubUserOutputs, vendorHas } from "./schema";


function api(inputs: SubUserInputs): { account: ResolvedAccount; client: SubUserApi } {
  const account = requireAccount(inputs);
  registerSecret(inputs.password);
  return { account, client: clientFor(account).subUsers };
}

/** The in-place fields this vendor has (the declaration's "update" fields it lists). */
function managedFields(account: ResolvedAccount): SubUserField[] {
  return IN_PLACE_FIELDS.filter((f) => vendorHas(account.vendor, f));
}

/** What the vendor code is sent: every declared vendor field, as checked. */
function specFrom(inputs: SubUserInputs): SubUserSpec {
  const spec: Partial<Record<SubUserField, unknown>> = {};
  for (const f of SUBUSER_FIELDS) spec[f] = inputs[f];
  return compact({ ...(spec as Omit<SubUserSpec, "enabled">), enabled: inputs.enabled !== false });
}

/** What differs between the vendor's record and the declared state. A password the API hides is always sent. */
function changesToConverge(account: ResolvedAccount, record: SubUserState, spec: SubUserSpec): SubUserChanges {
  const changes: Partial<Record<SubUserField, unknown>> = {};
  for (const f of managedFields(account)) {
    const want = spec[f];
    const have = record[f];
    if (want === undefined) {
      // Declared as absent (Oxylabs: no traffic limit) while the vendor holds one: unset it.
      if (have !== undefined && have !== null) changes[f] = undefined;
      continue;
    }
    if (f === "password" ? have === undefined || have !== want : !sameValue(have, want)) changes[f] = want;
  }
  return changes as SubUserChanges;
}

/** Brings an existing record to the declared state and returns the resulting view. */
async function converge(account: ResolvedAccount, client: SubUserApi, record: SubUserState, spec: SubUserSpec): Promise<SubUserState> {
  const changes = changesToConverge(account, record, spec);
  if (Object.keys(changes).length === 0) return record;
  await client.updateSubUser(record, changes, spec);
  return { ...record, ...changes };
}

/** Creates exactly once (see createExactlyOnce); a duplicate is adopted or explained. */
function createOnce(account: ResolvedAccount, client: SubUserApi, spec: SubUserSpec, adopt: boolean): Promise<SubUserState> {
  return createExactlyOnce({
    create: () => client.createSubUser(spec),
    lookup: () => client.findSubUserByUsername(spec.username, { fresh: true }),
    onConflict: async (existing) => {
      if (adopt && existing) return converge(account, client, existing, spec);
      throw new ProviderError(
        `${account.vendor}: a sub-user named "${spec.username}" already exists${existing ? ` (id ${existing.vendorId})` : ""}. ` +
          `Set \`adopt: true\` to take it over, or import it with that id. ` +
          `If it was deleted in the last few minutes, the vendor may still be settling the delete; retry later.`,
      );
    },
    // Found after an uncertain failure: follow-up calls may not have run.
    recovered: (found) => converge(account, client, found, spec),
  });
}

/** Outputs after create/update: the declared args plus what the vendor reports. */
function outputs(inputs: SubUserInputs, account: ResolvedAccount, record: Pick<SubUserState, "vendorId" | "usedTrafficGb" | "createdAt">): SubUserOutputs {
  const declared: Partial<Record<SubUserField, unknown>> = {};
  for (const f of SUBUSER_FIELDS) declared[f] = inputs[f];
  return compact({
    account: inputs.account,
    endpoint: endpointOf(account),
    ...(declared as Pick<SubUserInputs, SubUserField>),
    adopt: inputs.adopt,
    vendorId: record.vendorId,
    usedTrafficGb: record.usedTrafficGb ?? 0,
    createdAt: record.createdAt,
  });
}

export const subUserProvider = {
  // The engine sends whatever the program declared: check takes plain records and makes them Inputs.
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkSubUser(news);
  },

  async diff(_id, olds, news) {
    const { diffs: _diffs, ...result } = diffSubUser(olds, news);
    return result;
  },

  async create(inputs) {
    const { account, client } = api(inputs);
    const spec = specFrom(inputs);
    const adopt = inputs.adopt === true;
    let record: SubUserState | undefined;
    if (adopt) {
      const existing = await client.findSubUserByUsername(spec.username, { fresh: true });
      if (existing) record = await converge(account, client, existing, spec);
    }
    record ??= await createOnce(account, client, spec, adopt);
    return { id: record.vendorId, outs: outputs(inputs, account, record) };
  },

  /**
   * Refresh (props = old outputs) and import/get (props = inputs): what the
   * vendor holds, so drift shows. A sub-user that is gone returns an empty id.
   */
  async read(id, props) {
    // Import (`pulumi import`, `get`) hands over the declared inputs; refresh the last outputs.
    const known = (props ?? {}) as SubUserOutputs;
    const { account, client } = api(known);
    const record = await client.getSubUser(id);
    if (!record) return { id: "", props: {} as SubUserOutputs };
    const observed: Partial<Record<SubUserField, unknown>> = {};
    for (const f of SUBUSER_FIELDS) {
      const vendorValue = record[f];
      const supported = f === "username" || f === "productType" || vendorHas(account.vendor, f);
      // Fields the API does not return (Oxylabs passwords), and every field of a sub-user only known
      // to exist (not listed), keep their last known value; null is the vendor saying "none".
      const current = supported && vendorValue !== undefined && !(record.partial && f !== "enabled");
      observed[f] = current ? (vendorValue === null ? undefined : vendorValue) : known[f];
    }
    const inputs = compact({ account: known.account, endpoint: endpointOf(account), ...observed, adopt: known.adopt }) as SubUserInputs;
    const outs: SubUserOutputs = compact({
      ...inputs,
      vendorId: record.vendorId,
      usedTrafficGb: record.partial ? known.usedTrafficGb : record.usedTrafficGb,
      createdAt: record.partial ? known.createdAt : record.createdAt,
    });
    // The SDK types read's inputs as Outputs; they are the inputs (a subset of the outputs).
    return { id: record.vendorId, props: outs, inputs: inputs as SubUserOutputs };
  },

  async update(id, olds, news) {
    const { account, client } = api(news);
    const changes: Partial<Record<SubUserField, unknown>> = {};
    for (const f of managedFields(account)) if (!sameValue(olds[f], news[f])) changes[f] = news[f];
    if (Object.keys(changes).length > 0) {
      try {
        // The vendor's calls address the sub-user by id or username, both in state: no lookup needed.
        await client.updateSubUser(stateFrom(id, olds), changes as SubUserChanges, specFrom(news));
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        throw new ProviderError(
          `${account.vendor}: sub-user "${String(news.username)}" (id ${id}) no longer exists at the vendor; run \`pulumi refresh\` and then \`pulumi up\` to create it again.`,
        );
      }
    }
    return {
      outs: outputs(news, account, {
        vendorId: id,
        usedTrafficGb: olds.usedTrafficGb ?? 0,
        createdAt: olds.createdAt,
      }),
    };
  },

  async delete(id, props) {
    const { account, client } = api(props);
    // Clients treat "already gone" as done, so no lookup is needed first.
    const { deactivatedOnly } = await client.deleteSubUser(stateFrom(id, props));
    if (deactivatedOnly) {
      warn(
        `${account.vendor} has no delete call: sub-user "${String(props.username)}" (id ${id}) was deactivated (status inactive), not deleted. ` +
          `Creating a SubUser with that username later reactivates it.`,
      );
    }
  },
} satisfies pulumi.dynamic.ResourceProvider<SubUserInputs, SubUserOutputs>;

/** The vendor record as last known from state (ids and names are what the vendor calls need). */
function stateFrom(id: string, props: SubUserOutputs): SubUserState {
  return {
    vendorId: id,
    username: String(props.username),
    enabled: props.enabled !== false,
    usedTrafficGb: props.usedTrafficGb ?? 0,
  };
}
