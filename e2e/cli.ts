// Runs the real command line against the end-to-end database.
import { execFileSync } from "node:child_process";

export function cli(...args: string[]): string {
  return execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], {
    // The server's checkpoint witness too (scripts/e2e-server.sh), or the CLI would hold the database against another one.
    env: {
      ...process.env,
      DATABASE_URL: `file:./.tmp/e2e-${process.env.E2E_PORT ?? 3210}.db`,
      CHECKPOINT_WITNESS_FILE: `.tmp/e2e-${process.env.E2E_PORT ?? 3210}-witness.jsonl`,
      LOG_LEVEL: "silent",
    },
    encoding: "utf8",
  });
}

/** Creates an agent through the CLI and returns its key (the last line printed). */
export function createAgentKey(name: string, sponsor: string, scopes: string): string {
  return cli("agent:create", "--name", name, "--sponsor", sponsor, "--scopes", scopes).trim().split("\n").at(-1)!;
}

/** Registers a tool through the CLI and returns its key (the last line printed). */
export function createToolKey(name: string): string {
  return cli("tool:create", "--name", name).trim().split("\n").at(-1)!;
}
