import { describe, expect, it } from "vitest";
import { bearerToken, generateApiKey, hashApiKey } from "@/lib/agents/api-keys";

describe("API keys", () => {
  it("are random, prefixed, and stored only as a SHA-256 hash", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.key.startsWith(a.prefix)).toBe(true);
    expect(a.prefix).toHaveLength(11);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });
  it("reads Bearer headers strictly", () => {
    expect(bearerToken("Bearer cs_abc")).toBe("cs_abc");
    expect(bearerToken("bearer cs_abc")).toBe("cs_abc");
    expect(bearerToken("Basic cs_abc")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
