// Suggestions from a fixed history made through intake and decisions: exactly
// the patterns approved K times with no rejection and no edit are suggested,
// with the constraints of what was approved; patterns often rejected or
// edited are flagged; the draft is valid Cedar; only admins may ask.
import { beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/create-agent";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { approveWithEdits } from "@/lib/proposals/approve-with-edits";
import { suggestStandingApprovals, type SuggestionOptions } from "@/lib/insights/suggest-standing-approvals";
import { draftHref, draftPolicy, draftPolicyId } from "@/lib/insights/draft-policy";
import { flaggedForSponsor } from "@/lib/insights/suggest-standing-approvals";
import { grantFormPrefill, resolvePrefillChoices } from "@/lib/standing-approvals/grant-form-prefill";
import { standingApprovalChoices } from "@/lib/standing-approvals/list-standing-approvals";
import { suggestionDraftFor } from "@/lib/insights/suggestion-draft";
import { checkPolicySources } from "@/lib/policy/versions/policy-sources";
import { createTestWorld, sampleEnvelope, uniqueName } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import type { CurrentUser } from "@/lib/auth/current-user";

const OPTIONS: Partial<SuggestionOptions> = { minApprovals: 3, days: 30, flagRate: 0.3, minDecisions: 3 };
let world: Awaited<ReturnType<typeof createTestWorld>>;
let other: { id: string; apiKey: string };
let elsewhere: { id: string; apiKey: string };
let approver: CurrentUser;
let admin: CurrentUser;

async function decided(apiKey: string, intent: string, how: "approve" | "reject" | "edit", inputs: Record<string, string> = {}, paymentArgs: Record<string, string> = {}) {
  const base = sampleEnvelope(world.queue.slug);
  const plan = base.plan.map((step) => (step.tool === "ap.release_payment" ? { ...step, args: { ...step.args, ...paymentArgs } } : step));
  const envelope = sampleEnvelope(world.queue.slug, { intent, inputs: { ...base.inputs, ...inputs }, plan });
  const res = await postProposal(apiKey, envelope);
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  if (how === "edit") {
    const plan = envelope.plan.map((step, index) => ({ index, args: index === 0 ? { invoice: "INV-EDITED" } : step.args }));
    await approveWithEdits(approver, { id, version: 1, plan });
  } else {
    const r = await decideProposals(approver, { ids: [id], outcome: how === "approve" ? "approved" : "rejected", reason: how === "reject" ? "no" : undefined });
    expect(r.decided).toHaveLength(1);
  }
}

beforeAll(async () => {
  world = await createTestWorld();
  other = await createAgent({ name: uniqueName("agent-two"), sponsorEmail: world.sponsor.email, scopes: ["ap:read", "ap:write:draft", "ap:commit"] });
  approver = await createTestUser("approver");
  admin = await createTestUser("admin");
  // Suggested: three plain approvals, amounts 100.00, 250.50, 90; vendors v_1, v_2, v_1.
  await decided(world.apiKey, "pay_vendor_bill", "approve", { amount: "100.00", vendor_id: "v_1" });
  await decided(world.apiKey, "pay_vendor_bill", "approve", { amount: "250.50", vendor_id: "v_2" });
  await decided(world.apiKey, "pay_vendor_bill", "approve", { amount: "90", vendor_id: "v_1" });
  // Not suggested (a rejection) and flagged: 1 of 3 rejected.
  await decided(world.apiKey, "refund_customer", "approve");
  await decided(world.apiKey, "refund_customer", "approve");
  await decided(world.apiKey, "refund_customer", "reject");
  // Not suggested (an edit), not flagged: 1 of 4 edited (25 % < 30 %).
  for (let i = 0; i < 3; i++) await decided(world.apiKey, "update_vendor", "approve");
  await decided(world.apiKey, "update_vendor", "edit");
  // Suggested, with the amount and vendor in the payment step's own arguments: what a standing approval can test.
  await decided(world.apiKey, "pay_contractor", "approve", {}, { amount: "40.00", vendor_id: "c_1" });
  await decided(world.apiKey, "pay_contractor", "approve", {}, { amount: "75.25", vendor_id: "c_2" });
  await decided(world.apiKey, "pay_contractor", "approve", {}, { amount: "60", vendor_id: "c_1" });
  // An agent someone else sponsors, rejected three times: flagged for that sponsor only.
  elsewhere = await createAgent({ name: uniqueName("agent-elsewhere"), sponsorEmail: approver.email, scopes: ["ap:read", "ap:write:draft", "ap:commit"] });
  for (let i = 0; i < 3; i++) await decided(elsewhere.apiKey, "refund_customer", "reject");
  // Another agent, same intent and queue: its own pattern, two approvals (under K).
  await decided(other.apiKey, "pay_vendor_bill", "approve");
  await decided(other.apiKey, "pay_vendor_bill", "approve");
});

describe("suggested standing approvals", () => {
  it("suggests exactly the patterns approved K times with no rejection or edit, with the constraints seen", async () => {
    const report = await suggestStandingApprovals(admin, OPTIONS);
    const mine = report.suggestions.filter((s) => s.queueId === world.queue.id && s.intent !== "pay_contractor");
    expect(mine).toEqual([
      expect.objectContaining({
        agentId: world.agent.id,
        intent: "pay_vendor_bill",
        tool: "ap.release_payment",
        tier: "commit",
        approvals: 3,
        rejections: 0,
        edits: 0,
        maxAmount: "250.50",
        vendors: ["v_1", "v_2"],
        // Seen in the proposals' inputs, not in the payment's arguments.
        amountArg: null,
        vendorArg: null,
        sponsor: { name: world.sponsor.name, email: world.sponsor.email },
      }),
    ]);
  });

  it("opens a suggestion as the grant form, filled in from what was approved, for the admin to review", async () => {
    const report = await suggestStandingApprovals(admin, OPTIONS);
    const s = report.suggestions.find((x) => x.agentId === world.agent.id && x.intent === "pay_contractor")!;
    expect(s).toMatchObject({ approvals: 3, maxAmount: "75.25", vendors: ["c_1", "c_2"], amountArg: "amount", vendorArg: "vendor_id" });
    const href = draftHref(s, 30, 3);
    expect(href).toMatch(/^\/admin\/policies\?grant=1&.*#standing-approvals$/);
    const query = new URLSearchParams(href.slice(href.indexOf("?") + 1, href.indexOf("#")));
    const prefill = resolvePrefillChoices(grantFormPrefill(query)!, await standingApprovalChoices(admin));
    expect(prefill.problems).toEqual([]);
    expect(prefill.values).toMatchObject({ agent: world.agent.id, queue: world.queue.slug, tool: "ap.release_payment", limitPeriod: "total", maxCount: "3", expiresDays: "30" });
    expect(prefill.values.constraints).toEqual([
      { op: "at_most", arg: "amount", value: "75.25" },
      { op: "one_of", arg: "vendor_id", value: "c_1,c_2" },
    ]);
    expect(prefill.values.reason).toContain("3 times in 30 days");
    // The same link names the pattern, so the editor gets its Cedar draft to simulate.
    expect(await suggestionDraftFor(admin, query)).toMatchObject({ pattern: { intent: "pay_contractor", agentId: world.agent.id } });

    // Constraints seen only in the inputs are not made into argument constraints; the reason names them.
    const inputsOnly = report.suggestions.find((x) => x.agentId === world.agent.id && x.intent === "pay_vendor_bill")!;
    const other = grantFormPrefill(new URLSearchParams(draftHref(inputsOnly, 30, 3).split("?")[1]!.split("#")[0]))!;
    expect(other.values.constraints).toEqual([]);
    expect(other.values.reason).toContain("amounts up to 250.50 (in the proposals' inputs, not the tool's arguments)");
  });

  it("flags the patterns rejected or edited at the flag rate, and no others", async () => {
    const report = await suggestStandingApprovals(admin, OPTIONS);
    const mine = report.flagged.filter((s) => s.queueId === world.queue.id && s.agentId === world.agent.id);
    expect(mine.map((f) => [f.intent, f.approvals, f.rejections, f.edits])).toEqual([["refund_customer", 2, 1, 0]]);
    expect(mine[0]!.problemRate).toBeCloseTo(1 / 3);
    expect(mine[0]!.sponsor.email).toBe(world.sponsor.email);
  });

  it("shows each sponsor the flags of their own agents only, whatever their role", async () => {
    const sponsorsOwn = await flaggedForSponsor(world.sponsor, OPTIONS);
    expect(sponsorsOwn.map((f) => [f.agentId, f.intent])).toEqual([[world.agent.id, "refund_customer"]]);
    const approversOwn = await flaggedForSponsor(approver, OPTIONS);
    expect(approversOwn.map((f) => [f.agentId, f.intent, f.rejections])).toEqual([[elsewhere.id, "refund_customer", 3]]);
    expect(await flaggedForSponsor(admin, OPTIONS)).toEqual([]);
  });

  it("opens a suggestion as a valid Cedar draft, recomputed from the history, for admins only", async () => {
    const report = await suggestStandingApprovals(admin, OPTIONS);
    const s = report.suggestions.find((x) => x.agentId === world.agent.id && x.intent === "pay_vendor_bill")!;
    const text = draftPolicy(s, 30);
    expect(text).toContain(`permit (principal == Agent::"${world.agent.id}", action == Action::"auto_approve", resource is Proposal)`);
    expect(text).toContain("amount at most 250.50; vendor one of v_1, v_2");
    // Valid against the schema, next to the shipped policies.
    expect(checkPolicySources("draft", [{ file: "draft.cedar", text }]).policies.map((p) => p.id)).toEqual([draftPolicyId(s)]);

    const params = { agent: world.agent.id, queue: world.queue.id, intent: "pay_vendor_bill", tool: "ap.release_payment", days: "30", k: "3" };
    expect(await suggestionDraftFor(admin, params)).toEqual({ pattern: s, text });
    // A flagged pattern is not a suggestion, whatever the URL says.
    expect(await suggestionDraftFor(admin, { ...params, intent: "refund_customer" })).toMatchObject({ error: expect.stringContaining("no longer a suggestion") });
    await expect(suggestStandingApprovals(approver, OPTIONS)).rejects.toMatchObject({ kind: "forbidden" });
  });
});
