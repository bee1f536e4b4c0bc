/**
 * Compile-time: every arg of SubUser and WhitelistIp is also a typed output
 * on its class (CONTRACT: "Outputs: every arg"). The args are declared once (Args
 * interface + schema.ts, kept in step by the field table's type); the
 * class's `declare readonly` outputs carry their own docs, and this is what
 * makes the compiler refuse an arg added without its output.
 */
import * as proxy from "pulumi-proxy-accounts";

/** `true` when every key of Args is a member of R; otherwise the missing keys, which do not fit `true`. */
type OutputsCover<Args, R> = [Exclude<keyof Args, keyof R>] extends [never] ? true : Exclude<keyof Args, keyof R>;

// SubUser and WhitelistIp output every arg; the purchases output what was bought (orderId, price, ...), as CONTRACT.md lists.
export const outputsCoverArgs: [OutputsCover<proxy.SubUserArgs, proxy.SubUser>, OutputsCover<proxy.WhitelistIpArgs, proxy.WhitelistIp>] = [true, true];
