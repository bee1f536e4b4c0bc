import { SecretSealer } from "./secrets";
import type { StateResource } from "./types";

/**
 * The checkpoint as the engine writes it (`.pulumi/stacks/<stack>.json`,
 * version 3): every secret input and output sealed, everything else in clear.
 * Resources awaiting deletion carry `delete: true`.
 */
export function checkpointJson(opts: { project: string; stack: string; resources: StateResource[]; pendingDeletes: StateResource[]; sealer: SecretSealer }): string {
  const entry = (s: StateResource, pendingDelete: boolean) => ({
    urn: s.urn,
    custom: true,
    id: s.id,
    type: s.type,
    inputs: opts.sealer.sealKeys(s.inputs, s.secretInputKeys),
    outputs: opts.sealer.sealKeys(s.outputs, s.secretKeys),
    ...(s.additionalSecretOutputs.length > 0 ? { additionalSecretOutputs: s.additionalSecretOutputs } : {}),
    ...(s.dependencies.length > 0 ? { dependencies: s.dependencies } : {}),
    ...(s.external ? { external: true } : {}),
    ...(s.initErrors ? { initErrors: s.initErrors } : {}),
    ...(pendingDelete ? { delete: true } : {}),
  });
  return JSON.stringify(
    {
      version: 3,
      checkpoint: {
        stack: `organization/${opts.project}/${opts.stack}`,
        latest: {
          manifest: { time: new Date().toISOString(), magic: "", version: "harness" },
          secrets_providers: { type: "harness-aes-256-gcm" },
          resources: [...opts.resources.map((s) => entry(s, false)), ...opts.pendingDeletes.map((s) => entry(s, true))],
        },
      },
    },
    null,
    2,
  );
}
