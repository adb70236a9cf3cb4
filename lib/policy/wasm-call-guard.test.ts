import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The process-abort of Node 20's V8 on deoptimizing an inlined JS-to-Wasm call
// (lib/policy/wasm-call-guard.ts), made deterministic with V8's deopt stress flag.
describe("Cedar's WebAssembly calls under deoptimization", () => {
  it("survive a hot loop that is deoptimized every 97 calls", () => {
    const child = spawnSync(
      process.execPath,
      ["--deopt-every-n-times=97", "--import", "tsx", "--conditions=react-server", "lib/policy/testing/cedar-deopt-stress.ts", "1500"],
      { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" }, timeout: 240_000 },
    );
    expect(child.stderr).not.toMatch(/Fatal error|unreachable code/);
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout.trim().split("\n").at(-1)!)).toEqual({ rounds: 1500, allowed: 1500 });
  }, 300_000);
});
