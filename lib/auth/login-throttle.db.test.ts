// The sign-in throttle against a real database (SQLite, and PostgreSQL when
// configured): attempts are counted before the password check, so a burst of
// parallel guesses cannot all get through, and the per-email, per-address and
// global limits each hold. Unique emails and addresses keep tests apart; the
// global limit is tested with a window of its own (only this file's rows are recent enough).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { admitSignInAttempt, clearSignInAttempts, type ThrottleLimits } from "@/lib/auth/login-throttle";

const LIMITS: ThrottleLimits = { perEmail: 5, perAddress: 20, global: 1_000_000, windowSeconds: 900 };
const email = () => `guess-${randomUUID()}@countersign.test`;
const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;

describe("sign-in throttle", () => {
  it("of 50 parallel attempts on one email, at most the limit are admitted, and every one is counted", async () => {
    const target = email();
    const results = await Promise.all(Array.from({ length: 50 }, () => admitSignInAttempt(target, address(), LIMITS)));
    const admitted = results.filter((r) => r.admitted).length;
    // Usually none: every insert can commit before any count. Never more than the limit.
    expect(admitted).toBeLessThanOrEqual(LIMITS.perEmail);
    expect(results.filter((r) => !r.admitted).every((r) => !r.admitted && r.limit === "email")).toBe(true);
    expect(await db.loginFailure.count({ where: { email: target } })).toBe(50);
  });

  it("limits one address across many emails", async () => {
    const from = address();
    const results = await Promise.all(Array.from({ length: 40 }, () => admitSignInAttempt(email(), from, LIMITS)));
    expect(results.filter((r) => r.admitted).length).toBeLessThanOrEqual(LIMITS.perAddress);
    expect(results.some((r) => !r.admitted && r.limit === "address")).toBe(true);
  });

  it("has a global limit over all emails and addresses", async () => {
    // A window that starts in the future-shifted "now": only rows written by this test count.
    const now = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
    const limits = { ...LIMITS, global: 10, windowSeconds: 1 };
    const results = await Promise.all(Array.from({ length: 30 }, () => admitSignInAttempt(email(), address(), limits, now)));
    expect(results.filter((r) => r.admitted).length).toBeLessThanOrEqual(10);
    expect(results.some((r) => !r.admitted && r.limit === "global")).toBe(true);
    await db.loginFailure.deleteMany({ where: { createdAt: now } });
  });

  it("forgets a person's attempts from that address after a correct password, and old attempts leave the window", async () => {
    const target = email();
    const from = address();
    for (let i = 0; i < LIMITS.perEmail; i++) expect((await admitSignInAttempt(target, from, LIMITS)).admitted).toBe(true);
    expect(await admitSignInAttempt(target, from, LIMITS)).toMatchObject({ admitted: false, limit: "email" });
    await clearSignInAttempts(target, from);
    expect((await admitSignInAttempt(target, from, LIMITS)).admitted).toBe(true);
    const later = new Date(Date.now() + (LIMITS.windowSeconds + 1) * 1000);
    await db.loginFailure.deleteMany({ where: { email: target } });
    for (let i = 0; i < 6; i++) await admitSignInAttempt(target, from, LIMITS);
    expect((await admitSignInAttempt(target, from, LIMITS, later)).admitted).toBe(true);
  });
});
