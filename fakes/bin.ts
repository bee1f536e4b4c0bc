#!/usr/bin/env node
/**
 * `npm run fakes`: starts a local fake of every vendor endpoint and prints
 * the `account` values to use with them. Steer them at runtime through each
 * fake's `/__control` API (latency, faults, state, request log).
 */
import { startFakes } from "./index";

async function main(): Promise<void> {
  const port = (name: string) => (process.env[name] ? Number(process.env[name]) : 0);
  const fakes = await startFakes({
    settleMs: process.env.FAKE_SETTLE_MS ? Number(process.env.FAKE_SETTLE_MS) : undefined,
    latencyMs: process.env.FAKE_LATENCY_MS ? Number(process.env.FAKE_LATENCY_MS) : 0,
    ports: {
      oxylabs: port("FAKE_OXYLABS_PORT"),
      proxylite: port("FAKE_PROXYLITE_PORT"),
      "911proxy": port("FAKE_911PROXY_PORT"),
      whitelabel: port("FAKE_WHITELABEL_PORT"),
      usersapi: port("FAKE_USERSAPI_PORT"),
    },
  });
  console.log("Local vendor fakes running (Ctrl-C to stop). Accounts:");
  for (const [name, account] of Object.entries(fakes.accounts)) console.log(`  ${name.padEnd(10)} ${JSON.stringify(account)}`);
  console.log("Control: POST <baseUrl>/__control/latency {ms}, POST <baseUrl>/__control/fault {fault:{kind:...}}, GET <baseUrl>/__control/state");
  const stop = () => void fakes.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
