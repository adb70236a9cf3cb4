import { describe, expect, it, vi } from "vitest";
import { SESSION_MEMO_MS, sessionClaimsMemo } from "./session-claims-memo";

describe("sessionClaimsMemo", () => {
  it("decodes a cookie once within the memo's time, and again after it", async () => {
    let now = 1_000_000;
    const memo = sessionClaimsMemo<{ userId: string }>(() => now);
    const decode = vi.fn(async () => ({ userId: "u1" }));
    expect(await memo.read("c=1", decode)).toEqual({ userId: "u1" });
    now += SESSION_MEMO_MS - 1;
    expect(await memo.read("c=1", decode)).toEqual({ userId: "u1" });
    expect(decode).toHaveBeenCalledTimes(1);
    now += 1;
    await memo.read("c=1", decode);
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it("never remembers a cookie past its token's expiry", async () => {
    let now = 1_000_000;
    const memo = sessionClaimsMemo<{ userId: string; tokenExpiresAt: number }>(() => now);
    const decode = vi.fn(async () => (now < 1_005_000 ? { userId: "u1", tokenExpiresAt: 1_005 } : null));
    await memo.read("c=1", decode);
    now = 1_004_999;
    expect(await memo.read("c=1", decode)).toEqual({ userId: "u1", tokenExpiresAt: 1_005 });
    expect(decode).toHaveBeenCalledTimes(1);
    now = 1_005_000;
    expect(await memo.read("c=1", decode)).toBeNull();
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it("remembers per cookie value, and never a refused cookie", async () => {
    const memo = sessionClaimsMemo<{ userId: string }>();
    const decode = vi.fn(async () => null);
    expect(await memo.read("c=forged", decode)).toBeNull();
    expect(await memo.read("c=forged", decode)).toBeNull();
    expect(decode).toHaveBeenCalledTimes(2);
    expect(await memo.read("c=a", async () => ({ userId: "a" }))).toEqual({ userId: "a" });
    expect(await memo.read("c=b", async () => ({ userId: "b" }))).toEqual({ userId: "b" });
    expect(await memo.read(null, async () => null)).toBeNull();
    expect(memo.size()).toBe(2);
  });
});
