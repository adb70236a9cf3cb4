// Dry-run on history with known answers, on SQLite and PostgreSQL: a history
// made through the real intake and decision paths, then candidate sets that
// differ from the shipped ones by one policy each. Other test files share the
// database, so every added policy names this test's queue: anything else that
// changed would be a wrong answer.
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { PolicyError, loadPolicyDir, DEFAULT_POLICY_DIR } from "@/lib/policy/load-policies";
import { loadPolicyFiles } from "@/lib/policy/engine";
import { simulatePolicies, type SimulationReport } from "@/lib/policy/simulate/simulate-policies";
import { policiesSimulateCommand } from "@/lib/policy/simulate/simulate-command";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { createTestUser } from "@/test-support/users";
import { postProposal } from "@/test-support/agent-api";
import { authorizeDecision, authorizePropose, intakeOutcome, type LoadedPolicies } from "@/lib/policy/engine";
import { askerFor, type Answers } from "@/lib/policy/simulate/answer-questions";
import { readHistory, type HistoricalProposal } from "@/lib/policy/simulate/read-history";

/** A policy folder: the shipped policies plus `extra` (a file of its own). */
function candidateDir(extra: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "countersign-candidate-"));
  copyFileSync(path.join(DEFAULT_POLICY_DIR, "default.cedar"), path.join(dir, "default.cedar"));
  if (extra) writeFileSync(path.join(dir, "extra.cedar"), extra);
  return dir;
}

const ids: Record<string, string> = {};
let queue = "";
let agentName = "";

async function propose(name: string, world: Awaited<ReturnType<typeof createTestWorld>>, overrides: Parameters<typeof sampleEnvelope>[1] = {}) {
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, overrides));
  expect(res.status).toBe(201);
  ids[name] = res.body.id;
}

beforeAll(async () => {
  const world = await createTestWorld();
  queue = world.queue.slug;
  agentName = world.agent.name;
  const approver = await createTestUser("approver");
  await propose("payA", world);
  await propose("payB", world);
  await propose("payRejected", world);
  await propose("refund", world, { intent: "refund_customer" });
  await propose("pending", world, { intent: "refund_customer" });
  const draftPlan = [{ title: "Draft the payment", tool: "ap.create_draft_payment", scope: "ap:write:draft", args: {} }];
  await propose("draft", world, { scopes: ["ap:write:draft"], plan: draftPlan });
  const approved = await decideProposals(approver, { ids: [ids.payA!, ids.payB!, ids.refund!], outcome: "approved" });
  expect(approved.decided).toHaveLength(3);
  const rejected = await decideProposals(approver, { ids: [ids.payRejected!], outcome: "rejected", reason: "duplicate invoice" });
  expect(rejected.decided).toHaveLength(1);
});

const ours = (report: SimulationReport) => report.groups.filter((g) => g.queue === queue);
const idsOf = (report: SimulationReport, kind: string) => ours(report).filter((g) => g.kind === kind).flatMap((g) => g.proposals.map((p) => p.id)).sort();
const sorted = (...names: string[]) => names.map((n) => ids[n]!).sort();

describe("policies:simulate on a known history", () => {
  it("changes nothing when the candidate is the live set", async () => {
    const report = await simulatePolicies(CLI_CALLER, { candidate: loadPolicyDir(candidateDir("")), live: loadPolicyFiles() });
    expect(report.evaluated).toBeGreaterThanOrEqual(6);
    expect(report.decisions).toBeGreaterThanOrEqual(4);
    expect(report.changed).toBe(0);
    expect(Object.values(report.by_kind).every((n) => n === 0)).toBe(true);
    expect(report.groups).toEqual([]);
    expect(report.candidate.digest).toBe(report.live.digest);
  });

  it("turns exactly the approvals of the forbidden intent into refusals, and nothing else", async () => {
    const forbid = `@id("no-vendor-payments-here")\n@message("vendor payments on {queue} are frozen")\nforbid (principal, action == Action::"approve", resource is Proposal)\nwhen { resource.queue.slug == "${queue}" && resource.intent == "pay_vendor_bill" };\n`;
    const report = await simulatePolicies(CLI_CALLER, { candidate: loadPolicyDir(candidateDir(forbid)), live: loadPolicyFiles() });
    expect(report.changed).toBe(2);
    expect(report.by_kind).toMatchObject({ decision_no_longer_allowed: 2, refused_at_intake: 0, quorum_changed: 0, auto_approved_instead_of_person: 0 });
    expect(idsOf(report, "decision_no_longer_allowed")).toEqual(sorted("payA", "payB"));
    const [group] = ours(report);
    expect(group).toMatchObject({ agent: agentName, intent: "pay_vendor_bill", count: 2, policies: ["no-vendor-payments-here"] });
    expect(group!.detail).toContain(`vendor payments on ${queue} are frozen`);
    expect(report.candidate.digest).not.toBe(report.live.digest);
  });

  it("reports intake refusals, drafts sent to people and quorum changes", async () => {
    const extra = [
      `@id("no-refunds")\nforbid (principal, action == Action::"propose", resource is Proposal)\nwhen { resource.queue.slug == "${queue}" && resource.intent == "refund_customer" };`,
      `@id("review-drafts-here")\nforbid (principal, action == Action::"auto_approve", resource is Proposal)\nwhen { resource.queue.slug == "${queue}" };`,
      `@id("three-for-payments")\n@approvals("3")\npermit (principal, action == Action::"require_approvals", resource is Proposal)\nwhen { resource.queue.slug == "${queue}" && resource.intent == "pay_vendor_bill" && resource.tier == "commit" };`,
    ].join("\n\n");
    const report = await simulatePolicies(CLI_CALLER, { candidate: loadPolicyDir(candidateDir(extra)), live: loadPolicyFiles() });
    expect(idsOf(report, "refused_at_intake")).toEqual(sorted("refund", "pending"));
    expect(idsOf(report, "person_instead_of_auto_approval")).toEqual(sorted("draft"));
    expect(idsOf(report, "quorum_changed")).toEqual(sorted("payA", "payB", "payRejected"));
    expect(report.changed).toBe(6);
    expect(report.by_kind).toMatchObject({ refused_at_intake: 2, person_instead_of_auto_approval: 1, quorum_changed: 3, decision_no_longer_allowed: 0 });
  });

  it("remembers answers without changing one: every answer on the history equals Cedar asked afresh", async () => {
    const extra = [
      `@id("no-vendor-payments-here")\nforbid (principal, action == Action::"approve", resource is Proposal)\nwhen { resource.queue.slug == "${queue}" && resource.intent == "pay_vendor_bill" };`,
      `@id("three-for-refunds")\n@approvals("3")\npermit (principal, action == Action::"require_approvals", resource is Proposal)\nwhen { resource.intent == "refund_customer" };`,
    ].join("\n\n");
    const live = loadPolicyFiles();
    const candidate = loadPolicyDir(candidateDir(extra));
    const askLive = askerFor(live);
    const askCandidate = askerFor(candidate, askLive);
    // Straight through the engine, nothing remembered.
    const fresh = (h: HistoricalProposal, policies: LoadedPolicies): Answers => {
      const f = h.facts;
      const facts = { agent: h.agent, proposal: { queue: f.queueSlug, tier: f.tier, risk: f.risk, intent: f.intent, scopes: f.scopes, actorEmail: f.actorEmail } };
      const propose = authorizePropose(facts, policies);
      const outcome = intakeOutcome(facts, policies);
      return {
        intake: { proposeAllowed: propose.allowed, proposePolicies: propose.policies, status: outcome.status, requiredApprovals: outcome.requiredApprovals, policies: outcome.policies },
        decisions: h.decisions.map((d) => {
          const v = authorizeDecision({ user: d.user, action: d.action, proposal: f }, policies);
          return { allowed: v.allowed, policies: v.policies, message: v.message };
        }),
      };
    };
    let compared = 0;
    for await (const page of readHistory(new Date(Date.now() - 30 * 86_400_000))) {
      for (const h of page) {
        expect(askLive.answer(h)).toEqual(fresh(h, live));
        expect(askCandidate.answer(h)).toEqual(fresh(h, candidate));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(6);
    expect(askCandidate.cedar.cedar).toBeLessThan(askCandidate.questions);
  });

  it("prints a table and the JSON summary as the last line", async () => {
    const forbid = `@id("no-vendor-payments-here")\nforbid (principal, action == Action::"approve", resource is Proposal)\nwhen { resource.queue.slug == "${queue}" && resource.intent == "pay_vendor_bill" };\n`;
    const progress: string[] = [];
    const lines = await policiesSimulateCommand({ dir: candidateDir(forbid), days: "30" }, (line) => progress.push(line));
    const summary = JSON.parse(lines.at(-1)!);
    expect(summary).toMatchObject({ changed: 2, by_kind: { decision_no_longer_allowed: 2 } });
    expect(Object.keys(summary)).toEqual(["evaluated", "changed", "by_kind"]);
    expect(lines.join("\n")).toMatch(new RegExp(`a person's decision no longer allowed\\s+${queue}\\s+${agentName}\\s+pay_vendor_bill\\s+2`));
  });

  it("names an invalid candidate's file, line and column", async () => {
    const dir = candidateDir(`@id("typo")\npermit (principal, action == Action::"approve", resource is Proposal)\nwhen { resource.tierr == "read" };\n`);
    const error = await policiesSimulateCommand({ dir }, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).message).toMatch(/extra\.cedar:3:8: .*tierr/);
  });

  it("refuses a signed-in non-admin and a bad period", async () => {
    const approver = await createTestUser("approver");
    await expect(simulatePolicies(approver, { candidate: loadPolicyDir(candidateDir("")) })).rejects.toThrow(/Only an admin/);
    await expect(policiesSimulateCommand({ dir: candidateDir(""), days: "0" }, () => {})).rejects.toThrow(/--days/);
  });
});
