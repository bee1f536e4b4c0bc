import type * as pulumi from "@pulumi/pulumi";
import { ResolvedAccount, endpointOf } from "../../account";
import { ProviderError } from "../../http/errors";
import { providerRefusal } from "../../vendors/capabilities";
import { clientFor } from "../../vendors/registry";
import type { WhitelistApi, WhitelistEntryState, WhitelistSpec } from "../../vendors/types";
import { createExactlyOnce } from "../common/createExactlyOnce";
import { changedArgs, endpointChanged } from "../common/diff";
import { compact, requireAccount, sameValue } from "../common/inputs";
import { checkWhitelistIp } from "./check";
import { WHITELIST_IP_REPLACE_FIELDS, type WhitelistIpInputs, type WhitelistIpOutputs } from "./schema";

function api(inputs: WhitelistIpInputs): { account: ResolvedAccount; client: WhitelistApi } {
  const account = requireAccount(inputs);
  const client = clientFor(account).whitelist;
  if (!client) throw new ProviderError(providerRefusal(account.vendor, "whitelist"));
  return { account, client };
}

function outputs(inputs: WhitelistIpInputs, account: ResolvedAccount, entry: WhitelistEntryState): WhitelistIpOutputs {
  return compact({
    account: inputs.account,
    endpoint: endpointOf(account),
    ip: entry.ip,
    remark: entry.remark ?? inputs.remark ?? "",
    productType: entry.productType ?? inputs.productType,
    userProductId: inputs.userProductId,
    adopt: inputs.adopt,
    createdAt: entry.createdAt,
  });
}

export const whitelistIpProvider = {
  // The engine sends whatever the program declared: check takes plain records and makes them Inputs.
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkWhitelistIp(news);
  },

  async diff(_id, olds, news) {
    // Every arg replaces: neither vendor has an update call for whitelist entries.
    const replaces: string[] = changedArgs(WHITELIST_IP_REPLACE_FIELDS, olds, news);
    const moved = endpointChanged(olds, news);
    if (moved) replaces.push("account");
    const credentialsChanged = !sameValue(olds.account, news.account);
    return {
      changes: replaces.length > 0 || credentialsChanged,
      replaces,
      // Same IP at the same vendor: the old entry must go before the new one is added.
      deleteBeforeReplace: replaces.length > 0 && !moved && sameValue(olds.ip, news.ip),
    };
  },

  async create(inputs) {
    const { account, client } = api(inputs);
    const spec: WhitelistSpec = compact({
      ip: inputs.ip,
      remark: inputs.remark,
      productType: inputs.productType,
      userProductId: inputs.userProductId,
    });
    const lookup = () => client.findWhitelistEntry(spec.ip, spec.productType, { fresh: true });
    let entry = inputs.adopt === true ? await lookup() : undefined;
    entry ??= await createExactlyOnce({
      create: () => client.addWhitelistIp(spec),
      lookup,
      onConflict: async (existing) => {
        if (inputs.adopt === true && existing) return existing;
        throw new ProviderError(
          `${account.vendor}: ${spec.ip} is already on the whitelist${existing ? ` (id ${existing.entryId})` : ""}. Set \`adopt: true\` to take it over, or import it with that id.`,
        );
      },
    });
    return { id: entry.entryId, outs: outputs(inputs, account, entry) };
  },

  async read(id, props) {
    // Import (`pulumi import`, `get`) hands over the declared inputs; refresh the last outputs.
    const known = (props ?? {}) as WhitelistIpOutputs;
    const { account, client } = api(known);
    const entry = await client.getWhitelistEntry(id);
    if (!entry) return { id: "", props: {} as WhitelistIpOutputs };
    const outs = outputs(known, account, entry);
    const { createdAt: _c, ...inputs } = outs;
    return { id: entry.entryId, props: outs, inputs };
  },

  async update(id, olds, news) {
    // Only credentials can change in place; nothing to send.
    const { account } = api(news);
    return { outs: outputs(news, account, { entryId: id, ip: news.ip, createdAt: olds.createdAt }) };
  },

  async delete(id, props) {
    const { client } = api(props);
    const entry = await client.getWhitelistEntry(id);
    if (entry) await client.deleteWhitelistIp(entry);
  },
} satisfies pulumi.dynamic.ResourceProvider<WhitelistIpInputs, WhitelistIpOutputs>;
