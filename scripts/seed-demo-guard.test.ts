// `npm run db:seed` refuses the demo (whose accounts share a published
// password) when NODE_ENV=production, unless --force-demo; it says so before
// touching the database.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

function seed(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts", ...args], { env, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("db:seed in production", () => {
  it("refuses the demo with a readable message and leaves the database alone", async () => {
    mkdirSync(".tmp", { recursive: true });
    const file = `.tmp/seed-guard-${process.pid}.db`;
    const result = await seed([], { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:./${file}`, LOG_LEVEL: "silent" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Refusing to load the demo data: NODE_ENV is production/);
    expect(result.stderr).toMatch(/--force-demo/);
    expect(existsSync(file)).toBe(false);
  }, 120_000);
});
