import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { productionConfigProblems } from "@/lib/auth/production-config";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

describe("production configuration", () => {
  it("requires NEXTAUTH_URL in production only", () => {
    expect(productionConfigProblems(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET }))).toEqual([expect.stringMatching(/^NEXTAUTH_URL: required in production/)]);
    expect(productionConfigProblems(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: "https://c.example" }))).toEqual([]);
    expect(productionConfigProblems(parseEnv({ NODE_ENV: "development" }))).toEqual([]);
  });

  it("stops the start-up check with a message naming NEXTAUTH_URL", () => {
    const run = (extra: Record<string, string>) => {
      try {
        execFileSync("npx", ["tsx", "scripts/check-env.ts"], {
          env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", NEXTAUTH_SECRET: SECRET, ...extra },
          encoding: "utf8",
          stdio: "pipe",
        });
        return { code: 0, stderr: "" };
      } catch (error) {
        const failure = error as { status: number; stderr: string };
        return { code: failure.status, stderr: failure.stderr };
      }
    };
    const refused = run({});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("NEXTAUTH_URL: required in production");
    expect(run({ NEXTAUTH_URL: "https://countersign.example" }).code).toBe(0);
  });
});
