// One agent view of a decision: the agent's GET and the webhook body are built
// by the same function, so for the same proposal at the same moment they say
// the same status and decision, including a pending proposal past its expiry.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { approveWithEdits } from "@/lib/proposals/approve-with-edits";
import { getProposalForAgent } from "@/lib/proposals/get-proposal-for-agent";
import { createTestUser } from "@/test-support/users";
import { createWebhookWorld } from "@/test-support/webhook-world";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import type { WebhookEventBody } from "@/lib/webhooks/event-body";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** The body the outbox would send for this proposal now. */
async function webhookBody(id: string, now: Date): Promise<WebhookEventBody> {
  await db.$transaction((tx) => enqueueProposalEvents(tx, [id], now));
  const row = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id }, orderBy: { createdAt: "desc" } });
  return JSON.parse(row.body) as WebhookEventBody;
}

describe("the agent's view of a decision", () => {
  it("is the same in the GET and the webhook body: rejected, approved with edits, pending, and expired by the clock", async () => {
    const w = await createWebhookWorld();
    cleanups.push(w.receiver.close);
    const [rejected, edited, pending, overdue] = await w.pending(4);
    const sam = await createTestUser("approver", "Sam Reviewer");
    await decideProposals(sam, { ids: [rejected!], outcome: "rejected", reason: "Duplicate invoice" });
    await approveWithEdits(sam, { id: edited!, version: 1, plan: [{ index: 0, args: { invoice: "INV-9" } }] });
    // Past its expiry but not yet swept: the row still says pending.
    await db.proposal.update({ where: { id: overdue! }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const now = new Date();
    const seen: Record<string, string> = {};
    for (const id of [rejected!, edited!, pending!, overdue!]) {
      const get = await getProposalForAgent(w.agent.id, id, now);
      const body = await webhookBody(id, now);
      expect(body.data).toEqual({ proposal_id: id, status: get.status, digest: get.digest, decision: get.decision });
      expect(body.type).toBe(`proposal.${get.status}`);
      seen[id] = get.status;
    }
    expect(seen).toEqual({ [rejected!]: "rejected", [edited!]: "approved", [pending!]: "pending", [overdue!]: "expired" });
    expect((await getProposalForAgent(w.agent.id, rejected!, now)).decision).toMatchObject({ outcome: "rejected", reason: "Duplicate invoice", decided_by: { id: sam.id } });
    expect((await db.proposal.findUniqueOrThrow({ where: { id: overdue! } })).status).toBe("pending");
  });
});
