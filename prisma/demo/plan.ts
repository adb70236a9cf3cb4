// The story of the demo month, planned before anything is written: which
// proposals each agent sends and when, what becomes of each (pending, decided
// by whom, alone or in a batch, executed, expired) and when. Pure: the same
// seed gives the same plan. prisma/demo/play.ts then plays it through the real
// lib functions in time order.
import type { AuthenticatedAgent } from "@/lib/agents/authenticate-agent";
import { highestTier, scopesOutsideGrant, type Tier } from "@/lib/policy/scopes";
import { intakeOutcome } from "@/lib/policy/engine";
import { validateEnvelope, type Envelope } from "@/lib/proposals/envelope";
import { DECIDERS, type ActorChoice, type DemoUser, type Draft, type Workflow } from "./company";
import { DAY, HOUR } from "./format";
import type { Rng } from "./rng";
import { WORKFLOWS } from "./workflows";
import { LOOK_ALIKE_COUNT, LOOK_ALIKE_QUEUE, lookAlikeBillDraft } from "./templates/lookalikes";

const MINUTE = 60_000;

export type Status = "pending" | "approved" | "rejected" | "expired" | "executed" | "failed";
export type DemoAgent = AuthenticatedAgent & { key: string; sponsorKey: string };
type Decision = { userKey: string; outcome: "approved" | "rejected"; reason: string | null; at: Date; batch: number };

export type Planned = {
  wf: Workflow;
  agent: DemoAgent;
  envelope: Envelope;
  tier: Tier;
  status: Status;
  idempotencyKey: string | null;
  createdAt: Date;
  /** In force: the envelope's expires_at, else the queue's default TTL. */
  expiresAt: Date | null;
  /** Execution report (executed, failed) or sweep (expired). */
  closedAt: Date | null;
  actorUserKey: string | null;
  /** The deciding vote; several proposals with the same batch were decided in one call. */
  decision: Decision | null;
  /** With a quorum of two, the approval that came before the deciding one. */
  firstApproval: { userKey: string; at: Date } | null;
  draft: Draft;
};

type Slot = { wf: Workflow; commit: boolean };

export function planProposals(rng: Rng, now: Date, users: Map<string, DemoUser & { id: string }>, agents: Map<string, DemoAgent>): Planned[] {
  const slots: Slot[] = WORKFLOWS.flatMap((wf) => Array.from({ length: wf.count }, () => ({ wf, commit: !rng.chance(wf.nonCommitShare) })));
  const commitStatuses = commitStatusesFor(rng, slots);
  const versionSwitch = now.getTime() - 12 * DAY;
  let commitIndex = 0;
  let lookAlikes = 0;

  const planned = slots.map(({ wf, commit }): Planned => {
    const status: Status = commit ? commitStatuses[commitIndex++]! : rng.weighted<Status>([["executed", 65], ["approved", 25], ["failed", 10]]);
    const agent = agents.get(wf.agent.name)!;
    const ttlMs = wf.queue.defaultTtlSeconds ? wf.queue.defaultTtlSeconds * 1000 : null;
    const t = timeline(rng, now, status, commit, ttlMs);

    const choice: ActorChoice = rng.weighted(wf.actors);
    const actorUser = "user" in choice ? users.get(choice.user)! : null;
    const actor: Envelope["actor"] = actorUser
      ? { type: "user", id: actorUser.id, email: actorUser.email, name: actorUser.name }
      : { ...(choice as Exclude<ActorChoice, { user: string }>) };
    const template = rng.weighted((commit ? wf.commit : wf.nonCommit).map((tpl) => [tpl, tpl.weight] as const));
    // The first pending accounts-payable proposals are one look-alike group (templates/lookalikes.ts).
    const lookAlike = status === "pending" && wf.queue.slug === LOOK_ALIKE_QUEUE && lookAlikes < LOOK_ALIKE_COUNT;
    const draft = lookAlike
      ? lookAlikeBillDraft(rng, lookAlikes++)
      : template.build({ rng, createdAt: t.createdAt, actorName: actor.name ?? actor.id, actorIsPerson: actorUser !== null });

    const runId = `run_${rng.hex(12)}`;
    const envelope = withoutUndefined({
      queue: wf.queue.slug,
      intent: draft.intent,
      title: draft.title,
      summary: draft.summary,
      actor,
      agent: { model: wf.agent.model, version: wf.agent.versions[t.createdAt.getTime() < versionSwitch ? 0 : 1], run_id: runId },
      scopes: draft.scopes,
      risk: draft.risk,
      inputs: draft.inputs,
      plan: draft.plan,
      changes: draft.changes,
      artifacts: draft.artifacts,
      trace: rng.chance(0.7) ? { conversation_id: `conv_${rng.hex(12)}`, tool_call_id: `call_${rng.hex(16)}` } : undefined,
      expires_at: t.envelopeExpiry ? t.envelopeExpiry.toISOString().replace(/\.000Z$/, "Z") : undefined,
    } satisfies Envelope);

    // Intake refuses a broken envelope; say which template broke it.
    const validation = validateEnvelope(envelope, t.createdAt);
    if (!validation.ok) throw new Error(`demo envelope "${draft.title}" breaks the contract: ${JSON.stringify(validation.issues)}`);
    const outside = scopesOutsideGrant(envelope.scopes, agent.scopes);
    if (outside.length > 0) throw new Error(`demo envelope "${draft.title}" asks for ungranted scopes ${outside.join(", ")}`);
    const tier = highestTier([...envelope.scopes, ...envelope.plan.map((s) => s.scope)]);
    if ((tier === "commit") !== commit) throw new Error(`demo template for ${draft.intent} gave tier ${tier}`);
    return {
      wf,
      agent,
      envelope,
      tier,
      status,
      idempotencyKey: rng.chance(0.4) ? `${wf.agent.name}:${runId}` : null,
      createdAt: t.createdAt,
      expiresAt: t.envelopeExpiry ?? (ttlMs ? new Date(t.createdAt.getTime() + ttlMs) : null),
      closedAt: t.closedAt,
      actorUserKey: actorUser?.key ?? null,
      decision: t.decidedAt && commit && status !== "expired" ? { userKey: "", outcome: status === "rejected" ? "rejected" : "approved", reason: null, at: t.decidedAt, batch: -1 } : null,
      firstApproval: null,
      draft,
    };
  });
  assignDecisions(rng, now, planned);
  return planned;
}

/** About 40% of everything waits for a person; the rest of the commit tier tells the story of the month. */
function commitStatusesFor(rng: Rng, slots: Slot[]): Status[] {
  const commitCount = slots.filter((s) => s.commit).length;
  const pending = Math.min(Math.round(slots.length * 0.4), commitCount);
  const rest = commitCount - pending;
  const statuses: Status[] = Array<Status>(pending).fill("pending");
  for (const [status, share] of [["rejected", 0.2], ["approved", 0.14], ["expired", 0.1], ["failed", 0.05]] as const) {
    statuses.push(...Array<Status>(Math.round(rest * share)).fill(status));
  }
  while (statuses.length < commitCount) statuses.push("executed");
  return rng.shuffle(statuses);
}

type Timeline = { createdAt: Date; envelopeExpiry: Date | null; decidedAt: Date | null; closedAt: Date | null };

function timeline(rng: Rng, now: Date, status: Status, commit: boolean, ttlMs: number | null): Timeline {
  const n = now.getTime();
  const at = (ms: number) => new Date(Math.round(ms / 1000) * 1000);
  const onHour = (ms: number) => new Date(Math.ceil(ms / HOUR) * HOUR);

  if (!commit) {
    // Approved by policy the moment it arrives; the agent reports back minutes later.
    const created = n - rng.between(20 * MINUTE, 30 * DAY);
    const expiry = rng.chance(0.15) ? onHour(created + rng.between(DAY, 5 * DAY)) : null;
    const closed = status === "approved" ? null : at(created + rng.between(0.5 * MINUTE, 20 * MINUTE));
    return { createdAt: at(created), envelopeExpiry: expiry, decidedAt: null, closedAt: closed };
  }
  switch (status) {
    case "pending": {
      // Waiting items skew recent, and all are still decidable.
      let created = n - Math.max(10 * MINUTE, 29 * DAY * rng.next() ** 2.2);
      const expiry = rng.chance(0.6) ? onHour(n + rng.between(4 * HOUR, 8 * DAY)) : null;
      if (!expiry && ttlMs && created + ttlMs <= n + HOUR) created = n - rng.between(10 * MINUTE, ttlMs - 2 * HOUR);
      return { createdAt: at(created), envelopeExpiry: expiry, decidedAt: null, closedAt: null };
    }
    case "expired": {
      let created = n - rng.between(DAY, 29 * DAY);
      let expiry: number | null = ttlMs && rng.chance(0.5) ? null : created + Math.round(rng.between(4, 72)) * HOUR;
      let effective = expiry ?? created + ttlMs!;
      if (effective > n - 10 * MINUTE) {
        const shift = Math.ceil((effective - n) / HOUR + rng.between(1, 48)) * HOUR;
        created -= shift;
        effective -= shift;
        if (expiry !== null) expiry -= shift;
      }
      // The sweeper runs every minute or so: it closes the proposal a little after its expiry.
      return { createdAt: at(created), envelopeExpiry: expiry === null ? null : at(expiry), decidedAt: null, closedAt: at(effective + rng.between(10_000, 5 * MINUTE)) };
    }
    default: {
      // Decided by a person: mostly within hours, some the next day.
      const delay = rng.chance(0.6) ? rng.between(4 * MINUTE, 3 * HOUR) : rng.between(3 * HOUR, 30 * HOUR);
      const minAge = delay + 45 * MINUTE;
      const age = status === "approved" && rng.chance(0.6) ? rng.between(minAge, minAge + 3 * DAY) : rng.between(minAge, 30 * DAY);
      const created = n - age;
      const expiry = rng.chance(0.6) ? onHour(created + Math.max(delay + 2 * HOUR, rng.between(12 * HOUR, 7 * DAY))) : null;
      return { createdAt: at(created), envelopeExpiry: expiry, decidedAt: at(created + delay), closedAt: null };
    }
  }
}

/** Picks deciders (never the agent's sponsor nor the person acted for), groups some into batches, then times execution. */
function assignDecisions(rng: Rng, now: Date, planned: Planned[]): void {
  const eligible = (p: Planned) => DECIDERS.filter(([key]) => key !== p.agent.sponsorKey && key !== p.actorUserKey);
  const human = planned.filter((p) => p.decision !== null);
  const groups = new Map<string, Planned[]>();
  for (const p of human) {
    const key = `${p.wf.queue.slug}/${p.decision!.outcome}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  let batches = 0;
  for (const group of groups.values()) {
    group.sort((a, b) => a.decision!.at.getTime() - b.decision!.at.getTime());
    let i = 0;
    while (i < group.length) {
      const first = group[i]!;
      const firstAt = first.decision!.at.getTime();
      const members = [first];
      const size = rng.int(2, 6);
      for (let j = i + 1; j < group.length && members.length < size && group[j]!.decision!.at.getTime() - firstAt <= 20 * HOUR; j++) members.push(group[j]!);
      const batchAt = members[members.length - 1]!.decision!.at;
      const common = DECIDERS.filter(([key]) => members.every((m) => eligible(m).some(([k]) => k === key)));
      const fits = members.every((m) => !m.expiresAt || m.expiresAt.getTime() > batchAt.getTime() + HOUR);
      const outcome = first.decision!.outcome;
      if (members.length >= 2 && common.length > 0 && fits && rng.chance(0.5)) {
        // One person selected several rows and pressed Approve (or Reject, with one reason).
        const userKey = rng.weighted(common);
        const reason = outcome === "rejected" ? rng.pick(first.wf.rejectReasons) : null;
        const batch = batches++;
        for (const m of members) m.decision = { userKey, outcome, reason, at: batchAt, batch };
        i += members.length;
      } else {
        const reason = outcome === "rejected" ? rng.pick(first.wf.rejectReasons) : rng.chance(0.15) ? rng.pick(first.wf.approvalNotes) : null;
        first.decision = { userKey: rng.weighted(eligible(first)), outcome, reason, at: first.decision!.at, batch: batches++ };
        i += 1;
      }
    }
  }

  for (const p of human) {
    const decidedAt = p.decision!.at.getTime();
    // A quorum of two (critical risk): someone else approved first, a while before the decision.
    const others = eligible(p).filter(([key]) => key !== p.decision!.userKey);
    if (p.decision!.outcome === "approved" && others.length > 0 && requiredApprovals(p) >= 2) {
      const before = Math.min(rng.int(10, 180) * MINUTE, (decidedAt - p.createdAt.getTime()) / 2);
      p.firstApproval = { userKey: rng.weighted(others), at: new Date(decidedAt - before) };
    }
    if (p.status === "executed" || p.status === "failed") {
      const room = now.getTime() - decidedAt;
      p.closedAt = new Date(Math.round(Math.min(decidedAt + rng.between(MINUTE, 25 * MINUTE), decidedAt + room / 2) / 1000) * 1000);
    }
  }
}

/** The body as an agent would send it: JSON, so no undefined members. */
/** The quorum intake will set, asked of the same policies (only where the plan needs it: Cedar takes milliseconds a call). */
function requiredApprovals(p: Planned): number {
  const { agent, envelope, tier } = p;
  const proposal = { queue: envelope.queue, tier, risk: envelope.risk ?? "medium", intent: envelope.intent, scopes: envelope.scopes, actorEmail: envelope.actor.email };
  return intakeOutcome({ agent, proposal }).requiredApprovals;
}

function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
