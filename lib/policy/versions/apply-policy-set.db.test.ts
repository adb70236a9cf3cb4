// Applying and restoring policy sets, on SQLite and PostgreSQL: the applied
// set governs intake at once, each apply writes a receipt with the old and new
// digests, an invalid set is refused with its file:line:col and changes
// nothing, and only admins (or the command line) may apply.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { AppError } from "@/lib/base/app-error";
import { DEFAULT_POLICY_DIR } from "@/lib/policy/load-policies";
import { loadPolicies, loadPolicyFiles } from "@/lib/policy/engine";
import { policySetDigest } from "@/lib/policy/simulate/policy-set-digest";
import { applyPolicySet, restorePolicyVersion } from "@/lib/policy/versions/apply-policy-set";
import { setAppliedPolicySet } from "@/lib/policy/versions/applied-policy-slot";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { createTestUser } from "@/test-support/users";
import { postProposal } from "@/test-support/agent-api";

const shipped = { file: "default.cedar", text: readFileSync(path.join(DEFAULT_POLICY_DIR, "default.cedar"), "utf8") };
const freeze = (queue: string) => ({
  file: "freeze.cedar",
  text: `@id("freeze-test-queue")\n@message("queue {queue} is frozen")\nforbid (principal, action == Action::"propose", resource is Proposal)\nwhen { resource.queue.slug == "${queue}" };\n`,
});

afterAll(async () => {
  // Leave the shipped rules in force for whatever runs next in this process.
  await applyPolicySet(CLI_CALLER, { sources: [shipped], reason: "test clean-up" });
  setAppliedPolicySet(null);
});

describe("applying policy sets", () => {
  it("puts an applied set in force at once, with a receipt of both digests, and restores an earlier one", async () => {
    const world = await createTestWorld();
    const filesDigest = policySetDigest(loadPolicyFiles());
    const base = await applyPolicySet(CLI_CALLER, { sources: [shipped], reason: "start from the shipped rules" });
    expect(base.digest).toBe(filesDigest);
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);

    const frozen = await applyPolicySet(CLI_CALLER, { sources: [shipped, freeze(world.queue.slug)], reason: "freeze the test queue" });
    expect(frozen).toMatchObject({ previousDigest: filesDigest, changed: true, policies: 12 });
    expect(loadPolicies().byId.has("freeze-test-queue")).toBe(true);
    const refused = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "policy_denied", message: `queue ${world.queue.slug} is frozen`, policies: ["freeze-test-queue"] });

    const receipts = await db.receipt.findMany({ where: { kind: "policies_applied" }, orderBy: { seq: "desc" }, take: 20 });
    const receipt = receipts.find((r) => (r.payload as { version_id?: string }).version_id === frozen.id)!;
    expect(receipt).toMatchObject({ actorType: "system", reason: "freeze the test queue" });
    expect(receipt.payload).toMatchObject({ old_digest: filesDigest, new_digest: frozen.digest, files: ["default.cedar", "freeze.cedar"] });

    const restored = await restorePolicyVersion(CLI_CALLER, { id: base.id, reason: "thaw" });
    expect(restored).toMatchObject({ digest: filesDigest, previousDigest: frozen.digest });
    expect(await db.policyVersion.findUniqueOrThrow({ where: { id: restored.id } })).toMatchObject({ restoredFromId: base.id });
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
  });

  it("refuses an invalid set with its file:line:col and keeps the set in force", async () => {
    const before = await db.policyVersion.count();
    const bad = { file: "typo.cedar", text: `@id("typo")\npermit (principal, action == Action::"approve", resource is Proposal)\nwhen { resource.tierr == "read" };\n` };
    const error = await applyPolicySet(CLI_CALLER, { sources: [shipped, bad], reason: "typo" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_policies");
    expect((error as AppError).details.problems).toEqual([expect.objectContaining({ file: "typo.cedar", line: 3, column: 8 })]);
    expect(await db.policyVersion.count()).toBe(before);
  });

  it("lets only admins apply or restore", async () => {
    const approver = await createTestUser("approver");
    await expect(applyPolicySet(approver, { sources: [shipped], reason: "me" })).rejects.toThrow(/Only an admin/);
    await expect(restorePolicyVersion(approver, { id: "x", reason: "me" })).rejects.toThrow(/Only an admin/);
    await expect(applyPolicySet(CLI_CALLER, { sources: [shipped], reason: "  " })).rejects.toThrow(/reason/);
  });
});
