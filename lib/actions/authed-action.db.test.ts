// The server-action wrapper's security logging against a real database: an
// unauthenticated call and a refusal are each recorded once, with the action's
// name; input errors and state errors are not refusals. Only the session is
// stubbed (there is no HTTP request in a unit of the data layer).
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createTestUser } from "@/test-support/users";
import { AppError } from "@/lib/base/app-error";
import { recordRefusal } from "@/lib/security/record-refusal";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

const { authedAction } = await import("@/lib/actions/authed-action");

const input = z.object({ id: z.string().min(1) });

function eventsOf(action: string) {
  return db.securityEvent.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
}

describe("authedAction and the security log", () => {
  let name: string;
  beforeEach(() => {
    name = `test_action_${randomUUID().slice(0, 8)}`;
    session.user = null;
  });

  it("records a call without an active session as anonymous, with the action's name and target", async () => {
    const action = authedAction(input, async () => "done", { name });
    expect(await action({ id: "p1" })).toEqual({ ok: false, error: expect.objectContaining({ code: "unauthenticated" }) });
    const [event, ...rest] = await eventsOf(name);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ actorType: "anonymous", code: "unauthenticated", target: "p1", rule: "authentication" });
  });

  it("records a refusal thrown as AppError with the user, once, and not input or state errors", async () => {
    const viewer = await createTestUser("viewer");
    session.user = viewer;
    const refuse = authedAction(input, async () => {
      throw new AppError("forbidden", "forbidden", "Your role is viewer.");
    }, { name });
    const conflict = authedAction(input, async () => {
      throw new AppError("conflict", "conflict", "Already decided.");
    }, { name });
    expect(await refuse({ id: "p2" })).toEqual({ ok: false, error: { code: "forbidden", message: "Your role is viewer." } });
    expect((await conflict({ id: "p2" })).ok).toBe(false);
    expect((await refuse({ id: "" })).ok).toBe(false); // invalid input never reaches the handler
    const events = await eventsOf(name);
    expect(events.map((e) => [e.code, e.actorType, e.actorId, e.rule])).toEqual([["forbidden", "user", viewer.id, "role"]]);
  });

  it("does not record twice when the refusing code already recorded a more precise entry", async () => {
    session.user = await createTestUser("approver");
    const action = authedAction(input, async (user) => {
      await recordRefusal({ actor: { type: "user", id: user.id, email: user.email }, action: name, code: "separation_of_duties", rule: "sod-sponsor", message: "acts for you" });
      throw new AppError("forbidden", "separation_of_duties", "acts for you");
    }, { name });
    expect((await action({ id: "p3" })).ok).toBe(false);
    expect((await eventsOf(name)).map((e) => e.rule)).toEqual(["sod-sponsor"]);
  });

  it("names an unnamed action generically rather than dropping the entry", async () => {
    const viewer = await createTestUser("viewer");
    session.user = viewer;
    const action = authedAction(input, async () => {
      throw new AppError("forbidden", "forbidden", "no");
    });
    expect((await action({ id: `unnamed-${name}` })).ok).toBe(false);
    const [event] = await db.securityEvent.findMany({ where: { target: `unnamed-${name}` } });
    expect(event).toMatchObject({ action: "server action", actorId: viewer.id });
  });
});

describe("authedAction and text PostgreSQL cannot hold", () => {
  it("a NUL (U+0000) in the input that reaches the database is the caller's error (invalid_text on PostgreSQL), never internal_error", async () => {
    session.user = await createTestUser("approver");
    const action = authedAction(input, async (_user, { id }) => db.proposal.findUnique({ where: { id }, select: { id: true } }), { name: "test_nul_lookup" });
    const result = await action({ id: "a\u0000b" });
    if (result.ok) expect(result.data).toBeNull(); // SQLite compares such text: no proposal has that id
    else expect(result.error.code).toBe("invalid_text");
  });
});
