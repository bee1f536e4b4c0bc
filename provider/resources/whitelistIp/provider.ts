import type * as pulumi from "@pulumi/pulumi";
import { Endpoint, ResolvedAccount, endpointOf, sameEndpoint } from "../../account";
import { ProviderError } from "../../http/errors";
import { providerRefusal } from "../../vendors/capabilities";
import { clientFor } from "../../vendors/registry";
import type { WhitelistApi, WhitelistEntryState, WhitelistSpec } from "../../vendors/types";
import { createExactlyOnce } from "../common/createExactlyOnce";
import { compact, isUnknown, requireAccount, sameValue } from "../common/inputs";
import { checkWhitelistIp } from "./check";

type Props = Record<string, unknown>;

function api(inputs: Props): { account: ResolvedAccount; client: WhitelistApi } {
  const account = requireAccount(inputs);
  const client = clientFor(account).whitelist;
  if (!client) throw new ProviderError(providerRefusal(account.vendor, "whitelist"));
  return { account, client };
}

function outputs(inputs: Props, account: ResolvedAccount, entry: WhitelistEntryState): Props {
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

/** Every arg replaces: neither vendor has an update call for whitelist entries. */
const REPLACE_FIELDS = ["ip", "remark", "productType", "userProductId"];

export const whitelistIpProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds: Props, news: Props) {
    return checkWhitelistIp(news);
  },

  async diff(_id: string, olds: Props, news: Props) {
    const replaces = REPLACE_FIELDS.filter((f) => isUnknown(news[f]) || !sameValue(olds[f], news[f]));
    const endpointChanged = olds.endpoint !== undefined && !sameEndpoint(olds.endpoint as Endpoint, news.endpoint as Endpoint);
    if (endpointChanged) replaces.push("account");
    const credentialsChanged = !sameValue(olds.account, news.account);
    return {
      changes: replaces.length > 0 || credentialsChanged,
      replaces,
      // Same IP at the same vendor: the old entry must go before the new one is added.
      deleteBeforeReplace: replaces.length > 0 && !endpointChanged && sameValue(olds.ip, news.ip),
    };
  },

  async create(inputs: Props) {
    const { account, client } = api(inputs);
    const spec: WhitelistSpec = compact({
      ip: inputs.ip as string,
      remark: inputs.remark as string | undefined,
      productType: inputs.productType as WhitelistSpec["productType"],
      userProductId: inputs.userProductId as number | undefined,
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

  async read(id: string, props: Props) {
    const { account, client } = api(props);
    const entry = await client.getWhitelistEntry(id);
    if (!entry) return { id: "", props: {} };
    const outs = outputs(props, account, entry);
    const { createdAt: _c, ...inputs } = outs;
    return { id: entry.entryId, props: outs, inputs };
  },

  async update(_id: string, _olds: Props, news: Props) {
    // Only credentials can change in place; nothing to send.
    const { account } = api(news);
    return { outs: outputs(news, account, { entryId: _id, ip: news.ip as string, createdAt: _olds.createdAt as string | undefined }) };
  },

  async delete(id: string, props: Props) {
    const { client } = api(props);
    const entry = await client.getWhitelistEntry(id);
    if (entry) await client.deleteWhitelistIp(entry);
  },
};
