// A refusal must reach the security log whatever text the attacker put in it.
// The online token check logs the proposal id read from the (unverified) token
// it refuses; a NUL character there (PostgreSQL cannot store U+0000) or a lone
// surrogate (Prisma cannot encode it) made the insert fail, and the refusal
// was silently missing from /admin/security: a tool key could probe forged
// tokens unseen. Now such characters are stored as U+FFFD and the row is kept.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordRefusal } from "@/lib/security/record-refusal";
import { uniqueName } from "@/test-support/fixtures";
import { createTestTool } from "@/test-support/tools";
import { POST as verifyOnline } from "@/app/api/v1/approval-tokens/verify/route";

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("the security log", () => {
  it("keeps a refusal whose text holds a NUL character or a lone surrogate, with U+FFFD in their place", async () => {
    const action = uniqueName("probe");
    await recordRefusal({ actor: { type: "anonymous" }, action, target: "a\u0000b", code: "forbidden", message: "m\u0000n", ip: "127.0.0.1" });
    await recordRefusal({ actor: { type: "anonymous" }, action: `${action}-2`, target: "x\ud800y", code: "forbidden", rule: "r\udc00", message: "lone \ud800" });
    const rows = await db.securityEvent.findMany({ where: { action: { in: [action, `${action}-2`] } }, orderBy: { action: "asc" } });
    expect(rows.map((r) => [r.target, r.message, r.rule])).toEqual([
      ["a\ufffdb", "m\ufffdn", null],
      ["x\ufffdy", "lone \ufffd", "r\ufffd"],
    ]);
  });

  it("records the online check's refusal of a forged token whose proposal id holds a NUL or a lone surrogate", async () => {
    const tool = await createTestTool();
    const header = b64({ alg: "EdDSA", kid: "forged", typ: "countersign-approval+jwt" });
    for (const proposalId of [`${uniqueName("p")}\u0000`, `${uniqueName("p")}\ud800`]) {
      const token = `${header}.${b64({ proposal_id: proposalId })}.AAAA`;
      const response = await verifyOnline(
        new Request("http://countersign.test/api/v1/approval-tokens/verify", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${tool.key}` },
          body: JSON.stringify({ token }),
        }),
      );
      expect(response.status).toBe(403);
      const stored = proposalId.replace(/\u0000|\ud800/, "\ufffd");
      expect(await db.securityEvent.count({ where: { actorId: tool.id, target: stored, code: "unknown_key" } }), JSON.stringify(proposalId)).toBe(1);
    }
  });
});
