import * as pulumi from "@pulumi/pulumi";
import { redact } from "../http/redact";

/** A warning shown in the engine's diagnostics (the plugin's stderr when no engine log is wired). */
export function warn(message: string): void {
  void pulumi.log.warn(redact(`pulumi-proxy-accounts: ${message}`));
}
