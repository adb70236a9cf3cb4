// Demo data for a fresh database: `npm run db:seed`.
//
// Creates the people, queues and agents of a made-up company (see
// prisma/demo-data.ts) and about 300 proposals spread over the last 30 days,
// written the way intake and the decision paths write them: a proposal row
// with its digest and tier, version 1, a Decision per human vote and a receipt
// per event, with receipts appended in time order. Every envelope is checked
// against the contract (validateEnvelope), so the demo cannot drift from it.
// A database that already has a user is left alone.
import "@/lib/load-dotenv";
import { performance } from "node:perf_hooks";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { generateApiKey } from "@/lib/agents/api-keys";
import { generateToolKey } from "@/lib/tools/tool-keys";
import { hashPassword } from "@/lib/auth/passwords";
import { appendReceipt, appendReceipts, type NewReceipt, type ReceiptActor, type ReceiptPayload } from "@/lib/receipts/append-receipt";
import { writeCheckpoint } from "@/lib/receipts/checkpoints";
import { rebuildInsights } from "@/lib/insights/rebuild-insights";
import { highestTier, scopesOutsideGrant, type Tier } from "@/lib/policy/scopes";
import { intakeOutcome, type IntakeOutcome } from "@/lib/policy/engine";
import { digestOf, sha256Hex } from "@/lib/base/canonical-json";
import { envelopeColumns } from "@/lib/proposals/envelope-columns";
import { validateEnvelope, type Envelope } from "@/lib/proposals/envelope";
import {
  COMPANY,
  DAY,
  DECIDERS,
  DEMO_PASSWORD,
  HOUR,
  Rng,
  USERS,
  WORKFLOWS,
  type ActorChoice,
  type DemoUser,
  type Draft,
  type Workflow,
} from "./demo-data";

const SEED = 0x5eed_2025;
const MINUTE = 60_000;
const SEED_ACTOR = { type: "system", id: "seed", name: "Demo seed" } as const;
const SWEEPER_ACTOR = { type: "system", id: "expiry-sweeper", name: "Expiry sweeper" } as const;
/** The Cedar policies that approved a proposal at intake, as a receipt's actor. */
const policyActor = (ids: string[]) => ({ type: "policy", id: ids.join(", "), name: ids.join(", ") }) as const;

type Status = "pending" | "approved" | "rejected" | "expired" | "cancelled" | "executed" | "failed";
type SeededUser = DemoUser & { id: string };
type SeededAgent = { id: string; name: string; scopes: string[]; sponsorKey: string; key: string; keyId: string };

type Planned = {
  id: string;
  wf: Workflow;
  agent: SeededAgent;
  queueId: string;
  envelope: Envelope;
  digest: string;
  tier: Tier;
  status: Status;
  initialStatus: "pending" | "approved";
  /** What the policies said at intake: the initial status, quorum and policy ids. */
  intake: IntakeOutcome;
  idempotencyKey: string | null;
  createdAt: Date;
  /** In force: the envelope's expires_at, else the queue's default TTL. */
  expiresAt: Date | null;
  decidedAt: Date | null;
  closedAt: Date | null;
  actorUserKey: string | null;
  decision: { userKey: string; outcome: "approved" | "rejected"; reason: string | null; batchId: string | null } | null;
  /** With a quorum of two, the approval that came before the deciding one. */
  firstApproval?: { userKey: string; at: Date };
  draft: Draft;
  cancelReason: string;
};

/**
 * The demo's accounts share a password published in the README: on a
 * production install they would be open doors. So NODE_ENV=production needs
 * an explicit --force-demo (a public demo, the quick start).
 */
function refuseDemoInProduction(): boolean {
  if (env().NODE_ENV !== "production" || process.argv.includes("--force-demo")) return false;
  console.error(
    [
      "Refusing to load the demo data: NODE_ENV is production, and every demo account signs in with the published password.",
      "  For a real install, create your people instead:  npm run cli -- user:create --email E --name N --role admin --password P",
      "  To load the demo anyway (a public demo):          npm run db:seed -- --force-demo",
    ].join("\n"),
  );
  return true;
}

/** The demo's registered tool (lib/tools), named for the example payment tool it stands for. */
const DEMO_TOOL = "example-payments";

async function main(): Promise<void> {
  const started = performance.now();
  const loginUrl = `${env().PUBLIC_URL.replace(/\/$/, "")}/login`;
  if (refuseDemoInProduction()) {
    process.exitCode = 1;
    return;
  }

  if ((await db.user.count()) > 0) {
    console.log("Database already has data; skipping the demo seed.");
    printSignIn(loginUrl);
    console.log("\nDemo agent keys are shown only when the seed creates them; make a new one with");
    console.log('  npm run cli -- agent:create --name my-agent --sponsor admin@countersign.dev --scopes "ap:read"');
    console.log("and a tool key (to redeem approval tokens online) with  npm run cli -- tool:create --name my-tool");
    return;
  }

  const rng = new Rng(SEED);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);

  // argon2 is deliberately slow: every demo account shares one password, so hash it once.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const summary = await db.$transaction(
    async (tx) => {
      // People, queues and agents existed before the month the demo covers.
      const users = new Map<string, SeededUser>();
      for (const [i, u] of USERS.entries()) {
        const at = new Date(now.getTime() - 45 * DAY + i * HOUR);
        const row = await tx.user.create({
          data: { email: u.email, name: u.name, role: u.role, passwordHash, createdAt: at, updatedAt: at },
          select: { id: true },
        });
        users.set(u.key, { ...u, id: row.id });
      }

      const queues = new Map<string, string>();
      for (const [i, wf] of WORKFLOWS.entries()) {
        const at = new Date(now.getTime() - 42 * DAY + i * HOUR);
        const row = await tx.queue.create({
          data: {
            slug: wf.queue.slug,
            name: wf.queue.name,
            description: wf.queue.description,
            defaultTtlSeconds: wf.queue.defaultTtlSeconds ?? null,
            domains: wf.queue.domains,
            createdAt: at,
            updatedAt: at,
          },
          select: { id: true },
        });
        queues.set(wf.queue.slug, row.id);
      }

      const agents = new Map<string, SeededAgent>();
      for (const [i, wf] of WORKFLOWS.entries()) {
        const at = new Date(now.getTime() - 40 * DAY + i * HOUR);
        const sponsor = users.get(wf.agent.sponsor)!;
        const key = generateApiKey();
        const row = await tx.agent.create({
          data: {
            name: wf.agent.name,
            sponsorId: sponsor.id,
            scopes: wf.agent.scopes,
            createdAt: at,
            updatedAt: at,
            apiKeys: { create: { prefix: key.prefix, hash: key.hash, createdAt: at } },
          },
          select: { id: true, apiKeys: { select: { id: true } } },
        });
        await appendReceipt(tx, {
          kind: "agent_created",
          actor: SEED_ACTOR,
          at,
          payload: { agent_id: row.id, agent: wf.agent.name, sponsor: sponsor.email, scopes: wf.agent.scopes, key_prefix: key.prefix },
        });
        agents.set(wf.agent.name, {
          id: row.id,
          name: wf.agent.name,
          scopes: wf.agent.scopes,
          sponsorKey: wf.agent.sponsor,
          key: key.key,
          keyId: row.apiKeys[0]!.id,
        });
      }

      // The system that executes approved payments: only a registered tool redeems approval tokens online.
      const toolKey = generateToolKey();
      const toolAt = new Date(now.getTime() - 40 * DAY);
      const tool = await tx.tool.create({
        data: { name: DEMO_TOOL, prefix: toolKey.prefix, hash: toolKey.hash, createdAt: toolAt, createdBy: SEED_ACTOR.id },
        select: { id: true },
      });
      await appendReceipt(tx, { kind: "tool_created", actor: SEED_ACTOR, at: toolAt, payload: { tool_id: tool.id, tool: DEMO_TOOL, key_prefix: toolKey.prefix } });

      const planned = planProposals(rng, now, users, agents, queues);
      assignDecisions(rng, now, planned, users);
      await writeProposals(tx, planned, users);

      for (const agent of agents.values()) {
        const last = planned.filter((p) => p.agent.id === agent.id).reduce((max, p) => Math.max(max, (p.closedAt ?? p.createdAt).getTime()), 0);
        if (last > 0) await tx.apiKey.update({ where: { id: agent.keyId }, data: { lastUsedAt: new Date(last) } });
      }
      return { users, agents, planned, toolKey: toolKey.key };
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
  // The demo's receipts are backdated a month: sign them now, or the verifier (rightly) reports old receipts no checkpoint covers.
  await writeCheckpoint({ allowFirst: true });
  // The demo history is written in bulk, past the writers that keep the insight rollups: count it once.
  await rebuildInsights();

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const byStatus = new Map<string, number>();
  for (const p of summary.planned) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  const receipts = await db.receipt.count();
  console.log(
    `Seeded ${COMPANY} demo data in ${seconds}s: ${summary.users.size} users, ${WORKFLOWS.length} queues, ` +
      `${summary.agents.size} agents, ${summary.planned.length} proposals, ${receipts} receipts.`,
  );
  console.log(`  proposals by status: ${[...byStatus].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`).join(", ")}`);
  printSignIn(loginUrl);
  console.log("\nDemo keys (agent API keys; shown only now, only their hashes are stored):");
  const width = Math.max(...[...summary.agents.keys()].map((n) => n.length));
  for (const agent of summary.agents.values()) {
    console.log(`  ${agent.name.padEnd(width)}  ${agent.key}   (${agent.scopes.join(",")})`);
  }
  console.log(`\nDemo tool key (${DEMO_TOOL}: redeems approval tokens at POST /api/v1/approval-tokens/verify; agent keys are refused there):`);
  console.log(`  ${summary.toolKey}`);
  const example = summary.planned.find((p) => p.status === "pending") ?? summary.planned[0]!;
  const apiBase = env().PUBLIC_URL.replace(/\/$/, "");
  console.log(`\nTry one (with the app running), e.g. read back a proposal of ${example.agent.name}:`);
  console.log(`  curl -s ${apiBase}/api/v1/proposals/${example.id} -H "Authorization: Bearer ${example.agent.key}"`);
}

function printSignIn(loginUrl: string): void {
  console.log(`\nSign in at ${loginUrl}`);
  const width = Math.max(...USERS.map((u) => u.email.length));
  for (const u of USERS) console.log(`  ${u.email.padEnd(width)}  ${u.role.padEnd(8)}  ${u.name} (${u.title})`);
  console.log(`Password for every demo account: ${DEMO_PASSWORD}`);
}

// ---------------------------------------------------------------------------
// Planning: what happened to each proposal, and when

function planProposals(
  rng: Rng,
  now: Date,
  users: Map<string, SeededUser>,
  agents: Map<string, SeededAgent>,
  queues: Map<string, string>,
): Planned[] {
  const slots: Array<{ wf: Workflow; commit: boolean }> = [];
  for (const wf of WORKFLOWS) for (let i = 0; i < wf.count; i++) slots.push({ wf, commit: !rng.chance(wf.nonCommitShare) });

  // About 40% of everything is waiting for a person; the rest tells the story of the month.
  const commitSlots = slots.filter((s) => s.commit);
  const pending = Math.min(Math.round(slots.length * 0.4), commitSlots.length);
  const rest = commitSlots.length - pending;
  const shares: Array<[Status, number]> = [
    ["rejected", 0.2],
    ["approved", 0.14],
    ["expired", 0.1],
    ["failed", 0.05],
  ];
  const commitStatuses: Status[] = Array<Status>(pending).fill("pending");
  for (const [status, share] of shares) commitStatuses.push(...Array<Status>(Math.round(rest * share)).fill(status));
  while (commitStatuses.length < commitSlots.length) commitStatuses.push("executed");
  rng.shuffle(commitStatuses);

  const versionSwitch = now.getTime() - 12 * DAY;
  const planned: Planned[] = [];
  let commitIndex = 0;

  for (const slot of slots) {
    const { wf, commit } = slot;
    const status: Status = commit
      ? commitStatuses[commitIndex++]!
      : rng.weighted<Status>([
          ["executed", 65],
          ["approved", 25],
          ["failed", 10],
        ]);
    const agent = agents.get(wf.agent.name)!;
    const ttlMs = wf.queue.defaultTtlSeconds ? wf.queue.defaultTtlSeconds * 1000 : null;
    const t = timeline(rng, now, status, commit, ttlMs);

    const choice: ActorChoice = rng.weighted(wf.actors);
    const actorUser = "user" in choice ? users.get(choice.user)! : null;
    const actor: Envelope["actor"] =
      "user" in choice
        ? { type: "user", id: actorUser!.id, email: actorUser!.email, name: actorUser!.name }
        : { type: choice.type, id: choice.id, name: choice.name, ...(choice.email ? { email: choice.email } : {}) };

    const templates = commit ? wf.commit : wf.nonCommit;
    const template = rng.weighted(templates.map((tpl) => [tpl, tpl.weight] as const));
    const draft = template.build({ rng, createdAt: t.createdAt, actorName: actor.name ?? actor.id, actorIsPerson: actorUser !== null });

    const runId = `run_${rng.hex(12)}`;
    const envelope = withoutUndefined({
      queue: wf.queue.slug,
      intent: draft.intent,
      title: draft.title,
      summary: draft.summary,
      actor,
      agent: {
        model: wf.agent.model,
        version: t.createdAt.getTime() < versionSwitch ? wf.agent.versions[0] : wf.agent.versions[1],
        run_id: runId,
      },
      scopes: draft.scopes,
      risk: draft.risk,
      inputs: draft.inputs,
      plan: draft.plan,
      changes: draft.changes,
      artifacts: draft.artifacts,
      trace: rng.chance(0.7) ? { conversation_id: `conv_${rng.hex(12)}`, tool_call_id: `call_${rng.hex(16)}` } : undefined,
      expires_at: t.envelopeExpiry ? iso(t.envelopeExpiry) : undefined,
    } satisfies Envelope);

    // The same checks intake makes, so demo data always satisfies the contract.
    const validation = validateEnvelope(envelope, t.createdAt);
    if (!validation.ok) {
      throw new Error(`demo envelope "${draft.title}" breaks the contract: ${JSON.stringify(validation.issues)}`);
    }
    const outside = scopesOutsideGrant(envelope.scopes, agent.scopes);
    if (outside.length > 0) throw new Error(`demo envelope "${draft.title}" asks for ungranted scopes ${outside.join(", ")}`);
    const tier = highestTier([...envelope.scopes, ...envelope.plan.map((s) => s.scope)]);
    if ((tier === "commit") !== commit) throw new Error(`demo template for ${draft.intent} gave tier ${tier}`);
    const outcome = intakeOutcome({
      agent: { id: agent.id, name: agent.name, scopes: agent.scopes, sponsorId: users.get(agent.sponsorKey)!.id },
      proposal: { queue: envelope.queue, tier, risk: envelope.risk ?? "medium", intent: envelope.intent, scopes: envelope.scopes, actorEmail: envelope.actor.email },
    });

    const id = rng.uuid();
    planned.push({
      id,
      wf,
      agent,
      queueId: queues.get(wf.queue.slug)!,
      envelope,
      digest: digestOf(envelope),
      tier,
      status,
      initialStatus: outcome.status,
      intake: outcome,
      idempotencyKey: rng.chance(0.4) ? `${wf.agent.name}:${runId}` : null,
      createdAt: t.createdAt,
      expiresAt: t.envelopeExpiry ?? (ttlMs ? new Date(t.createdAt.getTime() + ttlMs) : null),
      decidedAt: t.decidedAt,
      closedAt: t.closedAt,
      actorUserKey: actorUser?.key ?? null,
      decision: null,
      draft,
      cancelReason: rng.pick(wf.cancelReasons),
    });
  }
  return planned;
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
    return { createdAt: at(created), envelopeExpiry: expiry, decidedAt: at(created), closedAt: closed };
  }

  switch (status) {
    case "pending": {
      // Waiting items skew recent, and all are still decidable.
      let created = n - Math.max(10 * MINUTE, 29 * DAY * rng.next() ** 2.2);
      const expiry = rng.chance(0.6) ? onHour(n + rng.between(4 * HOUR, 8 * DAY)) : null;
      if (!expiry && ttlMs && created + ttlMs <= n + HOUR) created = n - rng.between(10 * MINUTE, ttlMs - 2 * HOUR);
      return { createdAt: at(created), envelopeExpiry: expiry, decidedAt: null, closedAt: null };
    }
    case "approved":
    case "executed":
    case "failed":
    case "rejected": {
      const delay = rng.chance(0.6) ? rng.between(4 * MINUTE, 3 * HOUR) : rng.between(3 * HOUR, 30 * HOUR);
      const minAge = delay + 45 * MINUTE;
      const age = status === "approved" && rng.chance(0.6) ? rng.between(minAge, minAge + 3 * DAY) : rng.between(minAge, 30 * DAY);
      const created = n - age;
      const expiry = rng.chance(0.6) ? onHour(created + Math.max(delay + 2 * HOUR, rng.between(12 * HOUR, 7 * DAY))) : null;
      // closedAt (executed/failed) is set after decisions are final; see assignDecisions.
      return { createdAt: at(created), envelopeExpiry: expiry, decidedAt: at(created + delay), closedAt: null };
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
      return {
        createdAt: at(created),
        envelopeExpiry: expiry === null ? null : at(expiry),
        decidedAt: null,
        closedAt: at(effective + rng.between(10_000, 5 * MINUTE)),
      };
    }
    case "cancelled": {
      const age = rng.between(3 * HOUR, 30 * DAY);
      const created = n - age;
      const closed = created + rng.between(10 * MINUTE, Math.min(20 * HOUR, age - 10 * MINUTE));
      const expiry = rng.chance(0.5) ? onHour(created + rng.between(DAY, 5 * DAY)) : null;
      return { createdAt: at(created), envelopeExpiry: expiry, decidedAt: null, closedAt: at(closed) };
    }
  }
}

/** Picks deciders (never the agent's sponsor nor the person acted for), groups some into batches, then times execution. */
function assignDecisions(rng: Rng, now: Date, planned: Planned[], users: Map<string, SeededUser>): void {
  const eligible = (p: Planned) => DECIDERS.filter(([key]) => key !== p.agent.sponsorKey && key !== p.actorUserKey && users.has(key));
  const outcomeOf = (s: Status) => (s === "rejected" ? "rejected" : "approved");
  const human = planned.filter((p) => p.tier === "commit" && ["approved", "executed", "failed", "rejected"].includes(p.status));

  const groups = new Map<string, Planned[]>();
  for (const p of human) {
    const key = `${p.wf.queue.slug}/${outcomeOf(p.status)}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.decidedAt!.getTime() - b.decidedAt!.getTime());
    let i = 0;
    while (i < group.length) {
      const first = group[i]!;
      const size = rng.int(2, 6);
      const members = [first];
      for (let j = i + 1; j < group.length && members.length < size; j++) {
        if (group[j]!.decidedAt!.getTime() - first.decidedAt!.getTime() > 20 * HOUR) break;
        members.push(group[j]!);
      }
      const batchAt = members[members.length - 1]!.decidedAt!;
      const common = DECIDERS.filter(([key]) => members.every((m) => eligible(m).some(([k]) => k === key)));
      const fits = members.every((m) => !m.expiresAt || m.expiresAt.getTime() > batchAt.getTime() + HOUR);
      if (members.length >= 2 && common.length > 0 && fits && rng.chance(0.5)) {
        // One person selected several rows and pressed Approve (or Reject, with one reason).
        const userKey = rng.weighted(common);
        const batchId = rng.uuid();
        const reason = outcomeOf(first.status) === "rejected" ? rng.pick(first.wf.rejectReasons) : null;
        for (const m of members) {
          m.decidedAt = batchAt;
          m.decision = { userKey, outcome: outcomeOf(m.status), reason, batchId };
        }
        i += members.length;
      } else {
        const outcome = outcomeOf(first.status);
        const reason = outcome === "rejected" ? rng.pick(first.wf.rejectReasons) : rng.chance(0.15) ? rng.pick(first.wf.approvalNotes) : null;
        first.decision = { userKey: rng.weighted(eligible(first)), outcome, reason, batchId: null };
        i += 1;
      }
    }
  }

  // A quorum of two (critical risk): someone else approved first, a while before the decision.
  for (const p of human) {
    if (p.decision?.outcome !== "approved" || p.intake.requiredApprovals < 2) continue;
    const others = eligible(p).filter(([key]) => key !== p.decision!.userKey);
    if (others.length === 0) continue;
    const before = Math.min(rng.int(10, 180) * 60_000, (p.decidedAt!.getTime() - p.createdAt.getTime()) / 2);
    p.firstApproval = { userKey: rng.weighted(others), at: new Date(p.decidedAt!.getTime() - before) };
  }

  for (const p of human) {
    if (p.status !== "executed" && p.status !== "failed") continue;
    const decided = p.decidedAt!.getTime();
    const room = now.getTime() - decided;
    p.closedAt = new Date(Math.round(Math.min(decided + rng.between(MINUTE, 25 * MINUTE), decided + room / 2) / 1000) * 1000);
  }
}

// ---------------------------------------------------------------------------
// Writing: rows in bulk, then receipts one by one in time order

async function writeProposals(tx: Tx, planned: Planned[], users: Map<string, SeededUser>): Promise<void> {
  const url = env().PUBLIC_URL.replace(/\/$/, "");
  const lastEvent = (p: Planned) => p.closedAt ?? p.decidedAt ?? p.createdAt;

  await tx.proposal.createMany({
    data: planned.map((p) => {
      const e = p.envelope;
      return {
        id: p.id,
        agentId: p.agent.id,
        queueId: p.queueId,
        ...envelopeColumns(e, e),
        tier: p.tier,
        digest: p.digest,
        status: p.status,
        requiredApprovals: p.intake.requiredApprovals,
        approvalCount: p.decision?.outcome === "approved" ? (p.firstApproval ? 2 : 1) : 0,
        policies: p.intake.policies,
        idempotencyKey: p.idempotencyKey,
        intakeResponse: { id: p.id, status: p.initialStatus, tier: p.tier, digest: p.digest, url: `${url}/proposals/${p.id}` },
        expiresAt: p.expiresAt,
        decidedAt: p.decidedAt,
        createdAt: p.createdAt,
        updatedAt: lastEvent(p),
      };
    }),
  });
  await tx.proposalVersion.createMany({
    data: planned.map((p) => ({ proposalId: p.id, version: 1, plan: p.envelope.plan, digest: p.digest, createdAt: p.createdAt })),
  });
  await tx.decision.createMany({
    data: planned
      .filter((p) => p.firstApproval)
      .map((p) => ({
        proposalId: p.id,
        userId: users.get(p.firstApproval!.userKey)!.id,
        outcome: "approved",
        reason: null,
        digest: p.digest,
        batchId: derivedId(p.id, "approval"),
        policies: DECIDE_POLICIES,
        createdAt: p.firstApproval!.at,
      })),
  });
  await tx.decision.createMany({
    data: planned
      .filter((p) => p.decision)
      .map((p) => ({
        proposalId: p.id,
        userId: users.get(p.decision!.userKey)!.id,
        outcome: p.decision!.outcome,
        reason: p.decision!.reason,
        digest: p.digest,
        batchId: decisionBatch(p),
        policies: DECIDE_POLICIES,
        createdAt: p.decidedAt!,
      })),
  });

  const events: Array<{ at: Date; order: number; receipt: NewReceipt }> = [];
  const push = (at: Date, receipt: NewReceipt) => events.push({ at, order: events.length, receipt: { ...receipt, at } });
  const batchSizes = new Map<string, number>();
  for (const p of planned) if (p.decision) batchSizes.set(decisionBatch(p), (batchSizes.get(decisionBatch(p)) ?? 0) + 1);

  for (const p of planned) {
    const agentActor: ReceiptActor = { type: "agent", id: p.agent.id, name: p.agent.name };
    const e = p.envelope;
    push(p.createdAt, {
      kind: "proposed",
      actor: agentActor,
      proposalId: p.id,
      digest: p.digest,
      payload: { proposal_id: p.id, queue: e.queue, intent: e.intent, tier: p.tier, scopes: e.scopes, status: p.initialStatus, policies: p.intake.policies },
    });
    if (p.initialStatus === "approved") {
      push(p.createdAt, {
        kind: "auto_approved",
        actor: policyActor(p.intake.policies),
        proposalId: p.id,
        digest: p.digest,
        reason: p.intake.reason,
        payload: { proposal_id: p.id, outcome: "approved", tier: p.tier, policies: p.intake.policies },
      });
    }
    if (p.firstApproval) {
      const u = users.get(p.firstApproval.userKey)!;
      push(p.firstApproval.at, {
        kind: "approval",
        actor: { type: "user", id: u.id, email: u.email, name: u.name, role: u.role, auth_method: "password" },
        proposalId: p.id,
        digest: p.digest,
        batchId: derivedId(p.id, "approval"),
        payload: {
          proposal_id: p.id,
          outcome: "approved",
          digest: p.digest,
          version: 1,
          approvals: 1,
          required_approvals: p.intake.requiredApprovals,
          final: false,
          policies: DECIDE_POLICIES,
          batch_id: derivedId(p.id, "approval"),
          batch_size: 1,
        },
      });
    }
    if (p.decision) {
      const u = users.get(p.decision.userKey)!;
      push(p.decidedAt!, {
        kind: p.decision.outcome,
        actor: { type: "user", id: u.id, email: u.email, name: u.name, role: u.role, auth_method: "password" },
        proposalId: p.id,
        digest: p.digest,
        reason: p.decision.reason ?? undefined,
        batchId: decisionBatch(p),
        payload: {
          proposal_id: p.id,
          outcome: p.decision.outcome,
          digest: p.digest,
          version: 1,
          approvals: p.decision.outcome === "approved" ? (p.firstApproval ? 2 : 1) : 0,
          required_approvals: p.intake.requiredApprovals,
          final: true,
          policies: DECIDE_POLICIES,
          batch_id: decisionBatch(p),
          batch_size: batchSizes.get(decisionBatch(p)) ?? 1,
        },
      });
    }
    switch (p.status) {
      case "expired":
        push(p.closedAt!, {
          kind: "expired",
          actor: SWEEPER_ACTOR,
          proposalId: p.id,
          digest: p.digest,
          reason: "expired before anyone decided",
          payload: { proposal_id: p.id, expires_at: p.expiresAt!.toISOString(), swept_at: p.closedAt!.toISOString() },
        });
        break;
      case "executed":
        push(p.closedAt!, {
          kind: "executed",
          actor: agentActor,
          proposalId: p.id,
          digest: p.digest,
          payload: executionPayload(p),
        });
        break;
      case "failed":
        push(p.closedAt!, {
          kind: "failed",
          actor: agentActor,
          proposalId: p.id,
          digest: p.digest,
          reason: p.draft.failure.message,
          payload: executionPayload(p),
        });
        break;
      default:
        break;
    }
  }

  // The agents' execution reports, as POST /api/v1/proposals/{id}/executions records them.
  await tx.execution.createMany({
    data: planned
      .filter((p) => p.status === "executed" || p.status === "failed")
      .map((p) => ({
        id: derivedId(p.id, "execution"),
        proposalId: p.id,
        agentId: p.agent.id,
        outcome: p.status,
        result: (p.status === "executed" ? p.draft.result : p.draft.failure) as object,
        digest: p.digest,
        digestMatches: true,
        createdAt: p.closedAt!,
      })),
  });

  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  await appendReceipts(tx, events.map((event) => event.receipt));
}

// ---------------------------------------------------------------------------

/** The policy a person's decision is permitted by (lib/policy/cedar/default.cedar), as real decisions record it. */
const DECIDE_POLICIES = ["people-decide"];

/** A stable UUID for a row the demo needs to name twice (a batch, an execution): same seed, same id. */
function derivedId(id: string, what: string): string {
  const h = sha256Hex(`${id}:${what}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A decision made alone has a batch of one, as decideProposals writes it. */
function decisionBatch(p: Planned): string {
  return p.decision!.batchId ?? derivedId(p.id, "decision");
}

/** The executed / failed receipt's payload as lib/executions/report-execution.ts writes it. */
function executionPayload(p: Planned): ReceiptPayload<"executed"> {
  const result = p.status === "executed" ? p.draft.result : p.draft.failure;
  const text = result === undefined || result === null ? null : typeof result === "string" ? result : JSON.stringify(result);
  return {
    proposal_id: p.id,
    execution_id: derivedId(p.id, "execution"),
    outcome: p.status as "executed" | "failed",
    digest_reported: p.digest,
    approved_digest: p.digest,
    digest_matches: true,
    result_summary: text !== null && text.length > 500 ? `${text.slice(0, 499)}…` : text,
  };
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, "Z");
}

/** The body as an agent would send it: JSON, so no undefined members. */
function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

main()
  .then(() => db.$disconnect())
  .catch(async (error: unknown) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });
