import * as pulumi from "@pulumi/pulumi";
import { Account, AccountInput, ResolvedAccount, VendorId, describeProblems, resolveAccount, resolveDefaultAccount } from "../account";
import { ProviderError } from "../http/errors";
import { Capabilities, Capability, lookupRefusal, lookupRefusalFor } from "../vendors/capabilities";
import { clientFor } from "../vendors/registry";

/** The account given, else the stack's default account (config or environment). */
export function resolve(account: Account | undefined): ResolvedAccount {
  const { account: resolved, problems } =
    account !== undefined ? resolveAccount(account, "account") : resolveDefaultAccount((key) => new pulumi.Config(key.split(":")[0]).get(key.split(":")[1]));
  if (!resolved) throw new ProviderError(describeProblems(problems));
  return resolved;
}

/** One capability of the account, or the look-up refusal the capability table words for it. */
export function need<K extends Capability>(account: Account | undefined, capability: K): { account: ResolvedAccount; can: NonNullable<Capabilities[K]> } {
  const a = resolve(account);
  const can = clientFor(a)[capability];
  if (can === undefined) throw new ProviderError(lookupRefusalFor(a.vendor, capability));
  return { account: a, can };
}

/** A look-up refusal for something no capability covers (a missing identifier). */
export function refuse(what: string, vendor: VendorId): never {
  throw new ProviderError(lookupRefusal(vendor, what));
}

/** The `...Output` twin of a look-up: the account in Input form (secret fields included), every other arg an Input. */
export function output<A extends unknown[], R>(fn: (account: Account | undefined, ...args: A) => Promise<R>) {
  return (account: pulumi.Input<AccountInput> | undefined, ...args: { [K in keyof A]: pulumi.Input<A[K]> }): pulumi.Output<R> => {
    // pulumi.all loses the tuple's element types; they are the look-up's own args, unwrapped.
    const all: pulumi.Output<unknown[]> = pulumi.all([account, ...args]);
    return all.apply(([a, ...rest]) => fn(a as Account | undefined, ...(rest as A)));
  };
}
