// Intake's Cedar answers are remembered (cedar-answer-memo.ts); a remembered
// answer must never outlive the policies that gave it, nor be changed by a caller.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { authorizeDecision, authorizePropose, intakeOutcome, type DecisionFacts, type IntakeFacts } from "@/lib/policy/engine";
import { DEFAULT_POLICY_DIR, loadPolicyDir } from "@/lib/policy/load-policies";
import { boundedMemo } from "@/lib/policy/cedar-answer-memo";

const facts: IntakeFacts = {
  agent: { id: "agent_memo", name: "memo-bot", scopes: ["ap:read"], sponsorId: "u_dana" },
  proposal: { queue: "accounts-payable", tier: "read", risk: "low", intent: "read_invoice", scopes: ["ap:read"], actorEmail: "ops@company.com" },
};

describe("remembered Cedar answers", () => {
  it("asks again when other policies are in force, for the very same question", () => {
    const shipped = loadPolicyDir(DEFAULT_POLICY_DIR);
    expect(intakeOutcome(facts, shipped).status).toBe("approved");
    const dir = mkdtempSync(join(tmpdir(), "policies-memo-"));
    const text = readFileSync(join(DEFAULT_POLICY_DIR, "default.cedar"), "utf8");
    // The same file with intake's auto-approval turned into a refusal.
    writeFileSync(
      join(dir, "default.cedar"),
      text.replace('permit (principal is Agent, action == Action::"auto_approve"', 'forbid (principal is Agent, action == Action::"auto_approve"'),
    );
    const stricter = loadPolicyDir(dir);
    expect(intakeOutcome(facts, stricter)).toMatchObject({ status: "pending", policies: expect.arrayContaining(["auto-approve-read-and-drafts"]) });
    expect(intakeOutcome(facts, shipped).status).toBe("approved");
  });

  it("remembers by what the policies read: two intents share an answer until a policy reads the intent", () => {
    const dir = mkdtempSync(join(tmpdir(), "policies-memo-"));
    const text = readFileSync(join(DEFAULT_POLICY_DIR, "default.cedar"), "utf8");
    writeFileSync(
      join(dir, "default.cedar"),
      `${text}\n@id("no-wires")\nforbid (principal is Agent, action == Action::"propose", resource is Proposal) when { resource.intent == "wire_money" };\n`,
    );
    const readsIntent = loadPolicyDir(dir);
    const shipped = loadPolicyDir(DEFAULT_POLICY_DIR);
    const wire: IntakeFacts = { ...facts, proposal: { ...facts.proposal, intent: "wire_money" } };
    // The shipped set reads no intent: both questions get its one answer.
    expect(authorizePropose(facts, shipped).allowed).toBe(true);
    expect(authorizePropose(wire, shipped).allowed).toBe(true);
    // Asked in the same order of a set that does read it, the second is not answered from the first.
    expect(authorizePropose(facts, readsIntent).allowed).toBe(true);
    expect(authorizePropose(wire, readsIntent)).toMatchObject({ allowed: false, policies: ["no-wires"] });
  });

  it("remembers decisions by their shape: the sponsor, the person acted for and a viewer are still refused after an allowed neighbour", () => {
    const shipped = loadPolicyDir(DEFAULT_POLICY_DIR);
    const dana = { id: "u_memo_dana", email: "Dana@company.com", name: "Dana", role: "approver" };
    const item = (n: number, over: Partial<DecisionFacts["proposal"]> = {}): DecisionFacts["proposal"] => ({
      id: `p_memo_${n}`,
      queueSlug: "accounts-payable",
      separationOfDuties: true,
      tier: "commit",
      risk: "high",
      intent: `pay_invoice_${n}`,
      sponsorId: `u_sponsor_${n}`,
      actorEmail: `ops${n}@company.com`,
      ...over,
    });
    const decide = (proposal: DecisionFacts["proposal"], user = dana, action: DecisionFacts["action"] = "approve") => authorizeDecision({ user, action, proposal }, shipped);
    // Many items of one shape: one answer, every time (the first puts it in memory).
    for (let n = 0; n < 5; n++) expect(decide(item(n))).toMatchObject({ allowed: true, policies: ["people-decide"] });
    // Each of these differs from them only in what a policy reads, and gets its own answer.
    expect(decide(item(5, { sponsorId: dana.id }))).toMatchObject({ allowed: false, refusal: "separation_of_duties", policies: ["separation-of-duties-sponsor"] });
    expect(decide(item(6, { actorEmail: "dana@COMPANY.com" }))).toMatchObject({ allowed: false, refusal: "separation_of_duties", policies: ["separation-of-duties-acted-for"] });
    expect(decide(item(7), { ...dana, role: "viewer" })).toMatchObject({ allowed: false, refusal: "not_allowed", policies: ["deciders-are-approvers"] });
    // The queue's setting off, the sponsor's own item may be approved; rejecting it stays open with it on.
    expect(decide(item(8, { sponsorId: dana.id, separationOfDuties: false })).allowed).toBe(true);
    expect(decide(item(9, { sponsorId: dana.id }), dana, "reject").allowed).toBe(true);
    // And the first shape is still answered as before, for another person and item.
    expect(decide(item(10), { ...dana, id: "u_memo_lee", email: "lee@company.com" }).allowed).toBe(true);
    // Messages are worded per item, not remembered: they name this person.
    expect(decide(item(11, { sponsorId: "u_memo_kim" }), { ...dana, id: "u_memo_kim", name: "Kim", email: "kim@company.com" }).message).toContain("Kim");
  });

  it("hands each caller its own copy", () => {
    const first = intakeOutcome(facts);
    first.policies.push("tampered");
    expect(intakeOutcome(facts).policies).not.toContain("tampered");
  });

  it("forgets the oldest entries past its bound", () => {
    const memo = boundedMemo<number>(2);
    memo.set("a", 1);
    memo.set("b", 2);
    memo.set("c", 3);
    expect([memo.get("a"), memo.get("b"), memo.get("c"), memo.size()]).toEqual([undefined, 2, 3, 2]);
  });
});
