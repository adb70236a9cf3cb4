import "server-only";
// An admin grants, changes and revokes standing approvals; each is one
// transaction with its receipt (standing_approval_granted / _changed /
// _revoked, naming the generated policy). Changes and revocations take effect
// on the next intake: intake reads live grants and consumes a use only of the
// revision it matched (consume-standing-approval.ts).
import { AppError } from "@/lib/base/app-error";
import { db, type Tx } from "@/lib/db/client";
import { appendReceipt, type ReceiptActor } from "@/lib/receipts/append-receipt";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { standingPolicyId, standingPolicyText } from "@/lib/standing-approvals/policy-text";
import { standingApprovalInput, type StandingApprovalInput } from "@/lib/standing-approvals/standing-approval-input";

type Resolved = { agent: { id: string; name: string }; queue: { id: string; slug: string } };

async function resolve(tx: Tx, input: StandingApprovalInput): Promise<Resolved> {
  const agent = await tx.agent.findUnique({ where: { id: input.agentId }, select: { id: true, name: true, disabled: true } });
  if (!agent || agent.disabled) throw new AppError("invalid", "agent_not_found", "No active agent with that id.");
  const queue = await tx.queue.findUnique({ where: { slug: input.queue }, select: { id: true, slug: true } });
  if (!queue) throw new AppError("invalid", "queue_not_found", `No queue "${input.queue}".`);
  return { agent, queue };
}

function checked(input: unknown, now: Date): StandingApprovalInput {
  const parsed = standingApprovalInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid", "invalid_standing_approval", `${issue.path.join(".") || "input"}: ${issue.message}`);
  }
  if (parsed.data.expiresAt.getTime() <= now.getTime()) throw new AppError("invalid", "invalid_standing_approval", "expiresAt: must be in the future");
  return parsed.data;
}

function columns(input: StandingApprovalInput, resolved: Resolved, id: string) {
  return {
    agentId: resolved.agent.id,
    queueId: resolved.queue.id,
    tool: input.tool,
    constraints: input.constraints,
    limitPeriod: input.limitPeriod,
    maxCount: input.maxCount,
    maxAmount: input.maxAmount,
    amountArg: input.amountArg,
    expiresAt: input.expiresAt,
    reason: input.reason,
    policyText: standingPolicyText({ id, agentId: resolved.agent.id, queue: resolved.queue.slug, tool: input.tool, constraints: input.constraints, reason: input.reason }),
  };
}

function grantPayload(id: string, revision: number, input: StandingApprovalInput, resolved: Resolved, policyText: string) {
  return {
    standing_approval_id: id,
    policy_id: standingPolicyId(id),
    revision,
    agent_id: resolved.agent.id,
    agent: resolved.agent.name,
    queue: resolved.queue.slug,
    tool: input.tool,
    constraints: input.constraints,
    limit_period: input.limitPeriod,
    max_count: input.maxCount,
    max_amount: input.maxAmount,
    amount_arg: input.amountArg,
    expires_at: input.expiresAt.toISOString(),
    policy_text: policyText,
  };
}

function callerId(actor: ReceiptActor): string {
  return actor.id;
}

export async function grantStandingApproval(caller: AdminCaller, raw: unknown, now = new Date()): Promise<{ id: string; policyText: string }> {
  const actor = adminActor(caller);
  const input = checked(raw, now);
  return db.$transaction(async (tx) => {
    const resolved = await resolve(tx, input);
    const { id } = await tx.standingApproval.create({
      data: { ...columns(input, resolved, "pending"), policyText: "", grantedById: callerId(actor) },
      select: { id: true },
    });
    // The policy names its own id, known once the row exists.
    const { policyText } = await tx.standingApproval.update({ where: { id }, data: { policyText: columns(input, resolved, id).policyText }, select: { policyText: true } });
    await appendReceipt(tx, { kind: "standing_approval_granted", actor, reason: input.reason, payload: grantPayload(id, 1, input, resolved, policyText) });
    return { id, policyText };
  });
}

export async function changeStandingApproval(caller: AdminCaller, id: string, raw: unknown, now = new Date()): Promise<{ id: string; revision: number }> {
  const actor = adminActor(caller);
  const input = checked(raw, now);
  return db.$transaction(async (tx) => {
    const resolved = await resolve(tx, input);
    const data = columns(input, resolved, id);
    const { count } = await tx.standingApproval.updateMany({ where: { id, revokedAt: null }, data: { ...data, revision: { increment: 1 } } });
    if (count === 0) throw new AppError("not_found", "standing_approval_not_found", "No standing approval with that id in force (it may have been revoked).");
    const { revision } = await tx.standingApproval.findUniqueOrThrow({ where: { id }, select: { revision: true } });
    await appendReceipt(tx, { kind: "standing_approval_changed", actor, reason: input.reason, payload: grantPayload(id, revision, input, resolved, data.policyText) });
    return { id, revision };
  });
}

export async function revokeStandingApproval(caller: AdminCaller, input: { id: string; reason: string }, now = new Date()): Promise<void> {
  const actor = adminActor(caller);
  const reason = input.reason.trim();
  if (!reason) throw new AppError("invalid", "reason_required", "Say why the standing approval is revoked: the reason goes into the receipt.");
  await db.$transaction(async (tx) => {
    const { count } = await tx.standingApproval.updateMany({
      where: { id: input.id, revokedAt: null },
      data: { revokedAt: now, revokedById: callerId(actor), revision: { increment: 1 } },
    });
    if (count === 0) throw new AppError("not_found", "standing_approval_not_found", "No standing approval with that id in force (it may have been revoked already).");
    const row = await tx.standingApproval.findUniqueOrThrow({ where: { id: input.id }, select: { usedCount: true, agentId: true, queueId: true } });
    await appendReceipt(tx, {
      kind: "standing_approval_revoked",
      actor,
      reason,
      payload: { standing_approval_id: input.id, policy_id: standingPolicyId(input.id), agent_id: row.agentId, uses: row.usedCount },
    });
  });
}
