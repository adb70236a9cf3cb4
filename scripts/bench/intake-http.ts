// What bench:intake, bench:peer and bench:soak share (bench:queue its server start and stop): a fresh Countersign
// database with a bench agent, the production server started on it, and a
// keep-alive client that sends requests at a fixed concurrency and reports
// rate, latency and the CPU time per request of the server and of the client itself.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { percentile } from "./envelopes.ts";
import { processGroupCpuMs } from "./process-group-cpu.ts";
import { recreateDatabase } from "@/lib/db/recreate-database";

/** A fresh database with an admin, a queue and two agents, all named after `name` (the queue's slug is `name`). */
export async function freshDatabase(url: string, name = "bench") {
  await recreateDatabase(url);
  // A fresh checkpoint witness per run: the database is recreated, and an old witness would (rightly) make the signer refuse.
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-00", CHECKPOINT_WITNESS_FILE: `.tmp/${name}-witness-${process.pid}-${Date.now()}.jsonl` };
  execFileSync("npx", ["tsx", "scripts/db-migrate.ts"], { env, stdio: "ignore" });
  const cli = (...args: string[]) => execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], { env, encoding: "utf8" });
  const sponsor = `${name}@example.com`;
  const scopes = "ap:read,ap:write:draft,ap:commit";
  cli("user:create", "--email", sponsor, "--name", name, "--role", "admin", "--password", `${name}-password-1`);
  cli("queue:create", "--slug", name, "--name", name, "--domains", "ap");
  const key = cli("agent:create", "--name", `${name}-http`, "--sponsor", sponsor, "--scopes", scopes).trim().split("\n").at(-1)!;
  const direct = cli("agent:create", "--name", `${name}-direct`, "--sponsor", sponsor, "--scopes", scopes);
  const directId = /\(id ([^)]+)\)/.exec(direct)![1]!;
  return { env, key, directId };
}

/** Stops a server started in its own process group; one that already exited is fine. */
export function stopGroup(group: number | undefined): void {
  if (!group) return;
  try {
    process.kill(-group, "SIGTERM");
  } catch (error) {
    // ESRCH: already gone, nothing to stop. Anything else (EPERM) is a real failure.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Polls `url` until it answers 200, for at most a minute. */
export async function waitUntilUp(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * The production server (`scripts/serve.mjs`, with the flags of `npm run serve`) in its own process group, with rate limits out
 * of the way; `cwd` another built checkout (bench:queue's BENCH_BASELINE).
 */
export async function startServer(env: NodeJS.ProcessEnv, port: number, cwd = process.cwd()): Promise<ChildProcess> {
  // Started directly, not through npm, so BENCH_SERVER_NODE_ARGS can reach node
  // (e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof" to see where the server's time goes),
  // after the flags `npm run serve` gives it in that checkout.
  const nodeArgs = [...serveNodeFlags(cwd), ...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean)];
  const server = spawn(process.execPath, [...nodeArgs, "scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    cwd,
    env: { ...env, RATE_LIMIT_PER_MINUTE: "100000000", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitUntilUp(`http://127.0.0.1:${port}/api/health`);
  return server;
}

/** Node's flags in the checkout's `serve` script ("node --flag scripts/serve.mjs"): the benchmarks start what `npm start` starts. */
function serveNodeFlags(cwd: string): string[] {
  const script = String(JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")).scripts?.serve ?? "");
  const words = script.split(/\s+/);
  const at = words.indexOf("scripts/serve.mjs");
  return words[0] === "node" && at > 0 ? words.slice(1, at) : [];
}

function send(agent: http.Agent, port: number, path: string, key: string, body: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: body === null ? "GET" : "POST",
        agent,
        headers: body === null ? {} : { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}

export interface Drive {
  port: number;
  path: string;
  key: string;
  /** The i-th request's JSON body, posted; null: a GET. */
  body: (i: number) => string | null;
  concurrency: number;
  count: number;
  /** The server's process group, for its CPU time. */
  serverGroup: number;
}

/** Sends `count` requests, `concurrency` at a time; every answer but `expect` (201) counts as a failure. */
export async function driveHttp({ port, path, key, body, concurrency, count, serverGroup, expect = 201 }: Drive & { expect?: number }) {
  // A fresh keep-alive pool per round, so no idle socket outlives the server's keep-alive timeout.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const cpuBefore = processGroupCpuMs(serverGroup);
  // The client's own share of the machine (this process: building bodies, sending, reading answers).
  const clientBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const text = body(next++);
        const t0 = performance.now();
        const status = await send(agent, port, path, key, text);
        latencies.push(performance.now() - t0);
        if (status !== expect) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = processGroupCpuMs(serverGroup);
  const client = process.cpuUsage(clientBefore);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const serverCpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / count;
  const clientCpuMs = (client.user + client.system) / 1000 / count;
  return { perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures, serverCpuMs, clientCpuMs };
}
