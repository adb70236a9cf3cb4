// Anonymous refusals are coalesced so a script without a cookie or key cannot
// fill the security log; refusals that name a user or agent never are.
import { beforeEach, describe, expect, it, vi } from "vitest";

const created: { message: string; actorType: string; ip: string | null; action: string; code: string }[][] = [];
vi.mock("@/lib/db/client", () => ({
  db: {
    securityEvent: {
      createMany: async ({ data }: { data: (typeof created)[number] }) => {
        created.push(data);
        return { count: data.length };
      },
    },
  },
}));

const { RefusalCoalescer, recordRefusal, recordRefusals } = await import("@/lib/security/record-refusal");
type Refusal = Parameters<typeof recordRefusal>[0];

const anonymous = (overrides: Partial<Refusal> = {}): Refusal => ({
  actor: { type: "anonymous" },
  action: "POST /api/v1/approval-tokens/verify",
  code: "invalid_signature",
  message: "The token is not signed by Countersign.",
  ip: "203.0.113.9",
  ...overrides,
});

describe("RefusalCoalescer", () => {
  const t0 = Date.parse("2026-11-25T12:00:00Z");

  it("keeps one anonymous refusal per address, action and code per window, and counts the rest into the next one", () => {
    const c = new RefusalCoalescer(60_000);
    expect(c.admit(anonymous(), t0)).toEqual(anonymous());
    for (let i = 1; i <= 500; i++) expect(c.admit(anonymous(), t0 + i * 100)).toBeNull();
    // After the window: recorded again, with what was left out.
    const next = c.admit(anonymous(), t0 + 60_000);
    expect(next?.message).toBe(
      "The token is not signed by Countersign. (repeated 500 more times from this address after the previous entry, not logged one by one)",
    );
    expect(c.admit(anonymous(), t0 + 60_001)).toBeNull();
    expect(c.admit(anonymous(), t0 + 120_000)?.message).toContain("(repeated 1 more time from this address");
    // Nothing left out in between: the message is as given.
    expect(c.admit(anonymous(), t0 + 500_000)?.message).toBe("The token is not signed by Countersign.");
  });

  it("keeps each address, action and code apart", () => {
    const c = new RefusalCoalescer(60_000);
    expect(c.admit(anonymous(), t0)).not.toBeNull();
    expect(c.admit(anonymous({ ip: "203.0.113.10" }), t0)).not.toBeNull();
    expect(c.admit(anonymous({ ip: null }), t0)).not.toBeNull();
    expect(c.admit(anonymous({ action: "POST /api/v1/proposals" }), t0)).not.toBeNull();
    expect(c.admit(anonymous({ code: "replayed" }), t0)).not.toBeNull();
    // The target is not part of the key: varying it would otherwise defeat the limit.
    expect(c.admit(anonymous({ target: "p-other" }), t0)).toBeNull();
    expect(c.admit(anonymous({ ip: null }), t0 + 1)).toBeNull();
  });

  it("always keeps refusals of users and agents", () => {
    const c = new RefusalCoalescer(60_000);
    const user = anonymous({ actor: { type: "user", id: "u1", email: "vic@countersign.dev" } });
    const agent = anonymous({ actor: { type: "agent", id: "a1", name: "erp-bot" } });
    for (let i = 0; i < 20; i++) {
      expect(c.admit(user, t0 + i)).toBe(user);
      expect(c.admit(agent, t0 + i)).toBe(agent);
    }
    expect(c.size).toBe(0);
  });

  it("keeps every refusal when the window is 0", () => {
    const c = new RefusalCoalescer(0);
    for (let i = 0; i < 5; i++) expect(c.admit(anonymous(), t0)).not.toBeNull();
  });

  it("stays within its size: expired windows go first, then the oldest", () => {
    const c = new RefusalCoalescer(60_000, 3);
    for (let i = 0; i < 3; i++) c.admit(anonymous({ ip: `198.51.100.${i}` }), t0);
    c.admit(anonymous({ ip: "198.51.100.9" }), t0 + 1);
    expect(c.size).toBe(3);
    // 198.51.100.0 was the oldest and was dropped: it is recorded again (one row too many, never one too few).
    expect(c.admit(anonymous({ ip: "198.51.100.0" }), t0 + 2)).not.toBeNull();
    expect(c.admit(anonymous({ ip: "198.51.100.9" }), t0 + 3)).toBeNull();
    // All expired: swept, not counted against the bound.
    for (let i = 0; i < 100; i++) c.admit(anonymous({ ip: `192.0.2.${i}` }), t0 + 60_000 * (i + 2));
    expect(c.size).toBeLessThanOrEqual(3);
  });

  it("keeps the note whole when the message is at the length limit", () => {
    const c = new RefusalCoalescer(60_000);
    const long = anonymous({ message: "x".repeat(5000) });
    c.admit(long, t0);
    c.admit(long, t0 + 1);
    const next = c.admit(long, t0 + 60_000)!;
    expect(next.message).toHaveLength(2000);
    expect(next.message.endsWith("not logged one by one)")).toBe(true);
  });
});

describe("recordRefusals", () => {
  beforeEach(() => {
    created.length = 0;
  });

  it("writes one row for a flood of identical anonymous refusals, and every authenticated one", async () => {
    const flood = Array.from({ length: 1000 }, () => recordRefusal(anonymous({ ip: "192.0.2.77" })));
    await Promise.all(flood);
    await recordRefusals([
      anonymous({ ip: "192.0.2.77" }),
      anonymous({ ip: "192.0.2.77", actor: { type: "agent", id: "a1", name: "erp-bot" } }),
      anonymous({ ip: "192.0.2.77", actor: { type: "agent", id: "a1", name: "erp-bot" } }),
    ]);
    const rows = created.flat();
    expect(rows.filter((r) => r.actorType === "anonymous")).toHaveLength(1);
    expect(rows.filter((r) => r.actorType === "agent")).toHaveLength(2);
    // A batch left out entirely writes nothing at all.
    expect(created).toHaveLength(2);
  });
});
