// The demo data (`npm run db:seed`) on a fresh SQLite database: the receipt
// chain it writes verifies, every receipt's payload has the fields the real
// writers write (the writer checks each one against its kind's schema), and
// the same seed gives the same demo.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npx", args, { env, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function seededDatabase(name: string) {
  mkdirSync(".tmp", { recursive: true });
  const file = `.tmp/seed-demo-${name}-${process.pid}.db`;
  const witness = `.tmp/seed-demo-${name}-${process.pid}-witness.jsonl`;
  for (const f of [file, `${file}-wal`, `${file}-shm`, witness]) rmSync(f, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", DATABASE_URL: `file:./${file}`, CHECKPOINT_WITNESS_FILE: witness, LOG_LEVEL: "silent" };
  expect((await run(["tsx", "scripts/db-migrate.ts"], env)).code).toBe(0);
  const seeded = await run(["tsx", "--conditions=react-server", "prisma/seed.ts"], env);
  return { env, seeded };
}

describe("db:seed", () => {
  it("writes a demo whose receipt chain verifies, with the expected counts, the same for the same seed", async () => {
    const first = await seededDatabase("a");
    expect(first.seeded.stderr).not.toMatch(/payload does not match/);
    expect(first.seeded.code).toBe(0);
    expect(first.seeded.stdout).toMatch(/7 users, 5 queues, 5 agents, 300 proposals, \d+ receipts/);
    expect(first.seeded.stdout).toMatch(/proposals by status: pending 120,/);

    const verified = await run(["tsx", "--conditions=react-server", "scripts/cli.ts", "receipts:verify"], first.env);
    expect(verified.stdout).toMatch(/Chain intact through #\d+/);
    expect(verified.code).toBe(0);

    const again = await seededDatabase("b");
    const summary = (out: string) => out.split("\n").slice(0, 2).join("\n").replace(/ in [\d.]+s/, "");
    expect(summary(again.seeded.stdout)).toBe(summary(first.seeded.stdout));
  }, 300_000);
});
