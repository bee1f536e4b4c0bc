import * as pulumi from "@pulumi/pulumi";

/**
 * The props a resource class registers: every declared output name, so
 * each is an Output on the resource object even when its arg was omitted
 * (an omitted key would leave `resource.remark` undefined), with the
 * declared secret args wrapped as secrets whatever the user passed.
 */
export function resourceProps(args: object, names: readonly string[], secretArgs: readonly string[]): Record<string, unknown> {
  const given = args as Record<string, unknown>;
  const props: Record<string, unknown> = Object.fromEntries(names.map((k) => [k, undefined]));
  for (const [k, v] of Object.entries(given)) props[k] = v;
  for (const k of secretArgs) if (given[k] !== undefined) props[k] = pulumi.secret(given[k]);
  return props;
}
