import type * as pulumi from "@pulumi/pulumi";
import type { VendorId } from "../../account";
import type { Rule } from "./validation";

/** The plain values a resource's args hold once the engine has resolved them (no Inputs, no Promises). */
export type Plain<Args> = { [K in keyof Args]: Args[K] extends pulumi.Input<infer U> | undefined ? U : never };

/**
 * What a change of an arg does:
 * - "replace": the vendor cannot change it; a new object is made.
 * - "update": sent to the vendor in place.
 * - "create-only": consulted at create only (adopt); a change does nothing.
 * - "account": the endpoint part replaces, the credentials part changes nothing at the vendor.
 */
export type Change = "replace" | "update" | "create-only" | "account";

/** One vendor's rule for a field, and what check fills in when the field is omitted (nothing, if absent). */
export interface VendorRule {
  rule: Rule;
  default?: unknown;
}

/** What diff and the resource class need of any arg. */
export interface ArgSpec {
  change: Change;
  /** Wrapped as a secret by the resource class and kept secret in outputs. */
  secret?: boolean;
}

/** Every arg of a resource keyed by its public Args: an arg in one and not the other does not compile. */
export type ArgTable<Args> = { readonly [K in keyof Args]-?: ArgSpec };

/** One arg of a resource, declared once with its vendors: everything check, diff, the outputs and the resource class need. */
export interface FieldSpec extends ArgSpec {
  /** The vendors whose API has this field, with their rules; any other vendor fails check. */
  vendors: Partial<Record<VendorId, VendorRule>>;
  /** Check fails when it is missing (at every vendor). */
  required?: boolean;
  /** Said in the check failure of a vendor that lacks the field, where the reason is known. */
  unsupportedReason?: string;
}

/** A field table keyed by a resource's public Args: a field in one and not the other does not compile. */
export type FieldTable<Args> = { readonly [K in keyof Args]-?: FieldSpec };

/** Outputs the provider computes (never args), e.g. `vendorId`. */
export type OutputTable<Outputs extends string> = { readonly [K in Outputs]: { secret?: boolean } };

/** The keys of a table whose spec matches, in declaration order. */
export function fieldsWhere<Args, S extends ArgSpec>(table: { readonly [K in keyof Args]-?: S }, match: (spec: S) => boolean): Array<keyof Args & string> {
  return (Object.keys(table) as Array<keyof Args & string>).filter((k) => match(table[k]));
}

/** Every key the resource class registers as an output: each arg, then each computed output. */
export function outputNames<Args, O extends string>(fields: ArgTable<Args>, outputs: OutputTable<O>): string[] {
  return [...Object.keys(fields), ...Object.keys(outputs)];
}

/** The resource class's `additionalSecretOutputs`. */
export function secretOutputNames<Args, O extends string>(fields: ArgTable<Args>, outputs: OutputTable<O>): string[] {
  const secret = (spec: { secret?: boolean }) => spec.secret === true;
  return [...fieldsWhere(fields, secret), ...(Object.keys(outputs) as O[]).filter((k) => secret(outputs[k]))];
}

/** Every vendor, with the same rule (and no default). */
export function everyVendor(rule: Rule, vendors: readonly VendorId[]): Partial<Record<VendorId, VendorRule>> {
  return Object.fromEntries(vendors.map((v) => [v, { rule }]));
}
