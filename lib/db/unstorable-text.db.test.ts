// A NUL character (U+0000) in what a client sends: PostgreSQL refuses it in
// any statement (22021), lookups included, so an agent asking for proposal
// "a\0b" got a 500 on PostgreSQL (and a 404 on SQLite, which compares such
// text). Every client-caused error is a 4xx: the route handlers' translator
// turns the driver's refusal into a 400 `invalid_text`, and nothing is written.
import { describe, expect, it } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { unstorableTextError } from "@/lib/db/unstorable-text";
import { GET as getProposal } from "@/app/api/v1/proposals/[id]/route";
import { createTestWorld } from "@/test-support/fixtures";

const postgres = databaseTarget.provider === "postgresql";
const NUL = "a\u0000b";

describe("text holding U+0000", () => {
  it("an agent's read of proposal id \"a\\0b\" is a 4xx, never a 5xx (400 invalid_text on PostgreSQL, 404 on SQLite)", async () => {
    const world = await createTestWorld();
    const request = new Request(`http://localhost/api/v1/proposals/${encodeURIComponent(NUL)}`, { headers: { authorization: `Bearer ${world.apiKey}` } });
    const response = await getProposal(request, { params: Promise.resolve({ id: NUL }) });
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(response.status, JSON.stringify(body)).toBe(postgres ? 400 : 404);
    expect(body.error.code).toBe(postgres ? "invalid_text" : "not_found");
  });

  it("a write holding it fails whole on PostgreSQL, is recognised as the client's text, and leaves nothing behind", async () => {
    const world = await createTestWorld();
    const name = `nul-${Date.now()}`;
    const attempt = db.$transaction(async (tx) => {
      await tx.agent.update({ where: { id: world.agent.id }, data: { name } });
      await tx.agent.update({ where: { id: world.agent.id }, data: { callbackUrl: NUL } });
    });
    if (!postgres) {
      await attempt;
      return;
    }
    const error = await attempt.then(() => null, (e: unknown) => e);
    expect(unstorableTextError(error)?.httpStatus).toBe(400);
    expect(await db.agent.count({ where: { name } })).toBe(0);
  });

  it("recognises only PostgreSQL's text encoding errors", () => {
    const adapterError = (code: string) => Object.assign(new Error("driver"), { cause: { kind: "postgres", code } });
    expect(unstorableTextError(adapterError("22021"))).toMatchObject({ code: "invalid_text", kind: "invalid" });
    expect(unstorableTextError(adapterError("22P05"))).toMatchObject({ code: "invalid_text" });
    expect(unstorableTextError(adapterError("23505"))).toBeNull();
    expect(unstorableTextError(Object.assign(new Error("pg"), { code: "22021", severity: "ERROR" }))).toMatchObject({ code: "invalid_text" });
    expect(unstorableTextError(new Error("other"))).toBeNull();
    expect(unstorableTextError(null)).toBeNull();
  });
});
