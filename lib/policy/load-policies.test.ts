// Loading policy folders other than the shipped one (as POLICY_DIR does):
// every kind of invalid policy is reported with its file and line, and the
// rules of Cedar (a forbid beats a permit) and of the contract (commit is
// never approved by policy) hold for policies people write.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { intakeOutcome, loadPolicies, PolicyError, type IntakeFacts } from "@/lib/policy/engine";
import { DEFAULT_POLICY_DIR } from "@/lib/policy/load-policies";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh policy folder with the given files. */
function policyDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "countersign-policies-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const shipped = fs.readFileSync(path.join(DEFAULT_POLICY_DIR, "default.cedar"), "utf8");

function problemsOf(dir: string): PolicyError {
  try {
    loadPolicies(dir);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

function intake(dir: string, tier: string, queue = "accounts-payable"): ReturnType<typeof intakeOutcome> {
  const facts: IntakeFacts = {
    agent: { id: "a1", name: "bot", scopes: ["crm:write:draft", "crm:commit", "ap:write:draft", "ap:commit"], sponsorId: "u1" },
    proposal: { queue, tier, risk: "low", intent: "update", scopes: [tier === "commit" ? "crm:commit" : "crm:write:draft"] },
  };
  return intakeOutcome(facts, loadPolicies(dir));
}

describe("invalid policies are reported with file, line and column", () => {
  it("a syntax error, with the offending line and a caret", () => {
    const dir = policyDir({ "a.cedar": '// one\n@id("x")\npermit (principal, action, resource)\n  when { resource.tier == };\n' });
    const error = problemsOf(dir);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ file: path.join(dir, "a.cedar"), line: 4, column: 27 });
    expect(error.message).toContain(`${path.join(dir, "a.cedar")}:4:27: unexpected token`);
    expect(error.message).toContain("4 |   when { resource.tier == };");
  });

  it("a policy that does not fit the schema (misspelled attribute, unknown action, wrong type), after non-ASCII text", () => {
    const dir = policyDir({
      "a.cedar": [
        "// Grüße: positions count characters, not bytes ✓",
        '@id("typo") permit (principal is Agent, action == Action::"propose", resource is Proposal) when { resource.tierr == "read" };',
        '@id("action") permit (principal is User, action == Action::"aprove", resource is Proposal);',
        '@id("type") @approvals("1") permit (principal, action == Action::"require_approvals", resource) when { resource.risk == 3 };',
      ].join("\n"),
    });
    const error = problemsOf(dir);
    expect(error.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 99],
      [3, 52],
      [4, 104],
    ]);
    expect(error.problems[0]!.message).toContain("attribute `tierr` on entity type `Proposal` not found");
    expect(error.problems[1]!.message).toContain('unrecognized action `Action::"aprove"`');
  });

  it("a missing or duplicate @id, a template, and misused quorum annotations", () => {
    const dir = policyDir({
      "a.cedar": [
        'permit (principal is Agent, action == Action::"propose", resource is Proposal);',
        '@id("same") permit (principal is Agent, action == Action::"propose", resource is Proposal);',
        '@id("q1") @approvals("many") permit (principal, action == Action::"require_approvals", resource);',
        '@id("q2") forbid (principal, action, resource);',
        '@id("q3") @approvals("2") permit (principal is User, action == Action::"approve", resource);',
      ].join("\n"),
      "b.cedar": '\n\n@id("same") permit (principal is Agent, action == Action::"propose", resource is Proposal);\n',
      "c.cedar": '@id("t") permit (principal == ?principal, action == Action::"propose", resource);\n',
    });
    const messages = problemsOf(dir).problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message.split("\n")[0]}`);
    expect(messages).toEqual([
      'a.cedar:1: this policy has no @id("..."); every policy needs a unique id, which decisions and refusals record',
      'a.cedar:3: policy "q1": @approvals("many") must be a whole number from 1 to 20',
      'a.cedar:4: policy "q2": a forbid cannot apply to require_approvals (the quorum is the highest @approvals among permits); limit its action, e.g. action == Action::"approve"',
      'a.cedar:5: policy "q3": @approvals belongs only on permits with action == Action::"require_approvals"',
      expect.stringMatching(/^c\.cedar:1: expected a static policy, got a template/),
      expect.stringMatching(/^b\.cedar:3: duplicate @id\("same"\), also used at .*a\.cedar:2; ids must be unique$/),
    ]);
  });

  it("an empty or missing folder", () => {
    expect(problemsOf(policyDir({ "notes.txt": "no policies" })).message).toContain("no *.cedar policy files here");
    expect(problemsOf(path.join(os.tmpdir(), "countersign-no-such-folder")).message).toContain("cannot read the policy folder");
  });
});

describe("policies people add", () => {
  it("a forbid overrides a permit: drafts to one queue wait for a person, named in the reason", () => {
    const dir = policyDir({
      "default.cedar": shipped,
      "crm.cedar": [
        '@id("review-crm-drafts")',
        '@message("drafts to CRM records are reviewed by a person")',
        'forbid (principal, action == Action::"auto_approve", resource is Proposal)',
        'when { resource.queue.slug == "crm-updates" };',
      ].join("\n"),
    });
    expect(intake(dir, "write:draft", "crm-updates")).toEqual({
      status: "pending",
      reason: "drafts to CRM records are reviewed by a person",
      policies: ["review-crm-drafts", "quorum-one"],
      requiredApprovals: 1,
    });
    expect(intake(dir, "write:draft", "accounts-payable")).toMatchObject({ status: "approved", policies: ["auto-approve-read-and-drafts"] });
  });

  it("no policy can approve a commit at intake, even one that permits everything", () => {
    const dir = policyDir({
      "open.cedar": [
        '@id("approve-everything") permit (principal, action == Action::"auto_approve", resource);',
        '@id("one") @approvals("1") permit (principal, action == Action::"require_approvals", resource);',
      ].join("\n"),
    });
    expect(intake(dir, "write:draft")).toMatchObject({ status: "approved", policies: ["approve-everything"] });
    expect(intake(dir, "commit")).toMatchObject({ status: "pending", requiredApprovals: 1, reason: expect.stringContaining("always need a human approval") });
  });

  it("without a permit nothing is allowed, and intake says why", () => {
    const dir = policyDir({ "quorum.cedar": '@id("one") @approvals("1") permit (principal, action == Action::"require_approvals", resource);' });
    expect(intake(dir, "write:draft")).toEqual({
      status: "pending",
      reason: "no policy approves write:draft-tier proposals at intake; a person decides",
      policies: ["one"],
      requiredApprovals: 1,
    });
  });

  it("loads a folder once and reuses it", () => {
    const dir = policyDir({ "default.cedar": shipped });
    expect(loadPolicies(dir)).toBe(loadPolicies(dir));
    expect(loadPolicies(dir).policies.map((p) => p.id)).toContain("quorum-critical");
  });
});
