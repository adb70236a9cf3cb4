import { describe, expect, it } from "vitest";
import { executionFlagOf, overdueCutoff } from "@/lib/executions/execution-flags";

const now = new Date("2026-11-25T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

describe("executionFlagOf", () => {
  it("flags an approval older than the limit without an execution", () => {
    expect(executionFlagOf({ status: "approved", decidedAt: hoursAgo(25), digestMatches: null }, 24, now)).toBe("not_executed");
    expect(executionFlagOf({ status: "approved", decidedAt: hoursAgo(23), digestMatches: null }, 24, now)).toBeNull();
    expect(executionFlagOf({ status: "approved", decidedAt: hoursAgo(2).toISOString(), digestMatches: null }, 1, now)).toBe("not_executed");
  });

  it("flags an execution on another digest, and nothing for a matching one", () => {
    expect(executionFlagOf({ status: "executed", decidedAt: hoursAgo(48), digestMatches: false }, 24, now)).toBe("digest_mismatch");
    expect(executionFlagOf({ status: "failed", decidedAt: hoursAgo(48), digestMatches: true }, 24, now)).toBeNull();
  });

  it("never flags proposals that were not approved", () => {
    for (const status of ["pending", "rejected", "revoked", "expired"]) {
      expect(executionFlagOf({ status, decidedAt: hoursAgo(100), digestMatches: undefined }, 24, now)).toBeNull();
    }
  });

  it("flags an execution reported after the approval was revoked, before any digest mismatch", () => {
    expect(executionFlagOf({ status: "revoked", decidedAt: hoursAgo(1), digestMatches: true }, 24, now)).toBe("executed_after_revocation");
    expect(executionFlagOf({ status: "revoked", decidedAt: hoursAgo(1), digestMatches: false }, 24, now)).toBe("executed_after_revocation");
    expect(executionFlagOf({ status: "revoked", decidedAt: hoursAgo(100), digestMatches: null }, 24, now)).toBeNull();
  });

  it("flags a stale report (the target changed, nothing done) before anything else it could be", () => {
    expect(executionFlagOf({ status: "failed", decidedAt: hoursAgo(100), digestMatches: false, executionOutcome: "stale" }, 24, now)).toBe("stale_target");
    expect(executionFlagOf({ status: "failed", decidedAt: hoursAgo(100), digestMatches: true, executionOutcome: "failed" }, 24, now)).toBeNull();
  });

  it("computes the overdue cutoff", () => {
    expect(overdueCutoff(24, now).toISOString()).toBe("2026-11-24T12:00:00.000Z");
  });
});
