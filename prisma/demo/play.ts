// Plays the demo month through the product's own functions, in time order,
// each at the moment the plan gives it: people, queues, agents and the tool
// are created as an admin would create them, proposals arrive through intake
// (what POST /api/v1/proposals runs), people decide through decideProposals
// (alone or in batches), agents report through reportExecution and the
// sweeper expires what nobody decided. So every demo row and receipt is one
// the product wrote, and a plan the product would refuse fails the seed.
import { createUser } from "@/lib/users/create-user";
import { createQueue } from "@/lib/queues/create-queue";
import { createAgent } from "@/lib/agents/create-agent";
import { authenticateAgent } from "@/lib/agents/authenticate-agent";
import { createTool } from "@/lib/tools/manage-tools";
import { createProposal } from "@/lib/proposals/create-proposal";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { expireOverdueProposals } from "@/lib/proposals/expire-proposals";
import { reportExecution, type ExecutionReport } from "@/lib/executions/report-execution";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { SystemCaller } from "@/lib/users/admin-caller";
import { DEMO_PASSWORD, USERS, type DemoUser } from "./company";
import { DAY, HOUR } from "./format";
import { planProposals, type DemoAgent, type Planned } from "./plan";
import type { Rng } from "./rng";
import { WORKFLOWS } from "./workflows";

/** The demo's registered tool (lib/tools), named for the example payment tool it stands for. */
export const DEMO_TOOL = "example-payments";
const SEED_CALLER: SystemCaller = { type: "system", id: "seed", name: "Demo seed" };

export type PlayedDemo = { users: DemoUser[]; agents: DemoAgent[]; proposals: Array<Planned & { id: string }>; toolKey: string };

export async function playDemo(rng: Rng, now: Date): Promise<PlayedDemo> {
  const ago = (ms: number) => new Date(now.getTime() - ms);

  // People, queues, agents and the tool existed before the month the demo covers.
  const users = new Map<string, DemoUser & { id: string }>();
  const deciders = new Map<string, CurrentUser>();
  for (const [i, u] of USERS.entries()) {
    const row = await createUser({ email: u.email, name: u.name, role: u.role, password: DEMO_PASSWORD }, ago(45 * DAY - i * HOUR));
    users.set(u.key, { ...u, id: row.id });
    deciders.set(u.key, { ...row, role: u.role, authMethod: "password" });
  }
  for (const [i, { queue }] of WORKFLOWS.entries()) await createQueue(SEED_CALLER, queue, ago(42 * DAY - i * HOUR));
  const agents = new Map<string, DemoAgent>();
  for (const [i, { agent }] of WORKFLOWS.entries()) {
    const sponsorEmail = users.get(agent.sponsor)!.email;
    const created = await createAgent({ name: agent.name, sponsorEmail, scopes: agent.scopes }, SEED_CALLER, ago(40 * DAY - i * HOUR));
    // The agent as intake sees it: authenticated by its key, as the API does.
    const request = new Request("http://demo.invalid/", { headers: { authorization: `Bearer ${created.apiKey}` } });
    agents.set(agent.name, { ...(await authenticateAgent(request)), key: created.apiKey, sponsorKey: agent.sponsor });
  }
  const tool = await createTool(SEED_CALLER, { name: DEMO_TOOL }, ago(40 * DAY));

  const planned = planProposals(rng, now, users, agents);
  const ids = new Map<Planned, { id: string; digest: string }>();
  const idOf = (p: Planned) => ids.get(p)!.id;

  const events: Array<{ at: Date; run: () => Promise<void> }> = [];
  for (const p of planned) {
    events.push({ at: p.createdAt, run: () => propose(p) });
    if (p.firstApproval) {
      const { userKey, at } = p.firstApproval;
      events.push({ at, run: () => decide(deciders.get(userKey)!, [p], "approved", null, at, "recorded") });
    }
    if (p.status === "executed" || p.status === "failed") events.push({ at: p.closedAt!, run: () => report(p, p.closedAt!) });
    if (p.status === "expired") events.push({ at: p.closedAt!, run: () => sweep(p.closedAt!) });
  }
  const batches = new Map<number, Planned[]>();
  for (const p of planned) if (p.decision) batches.set(p.decision.batch, [...(batches.get(p.decision.batch) ?? []), p]);
  for (const members of batches.values()) {
    const { userKey, outcome, reason, at } = members[0]!.decision!;
    events.push({ at, run: () => decide(deciders.get(userKey)!, members, outcome, reason, at, "decided") });
  }
  // Stable sort: at the same second, what was planned first happens first.
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of events) await event.run();

  async function propose(p: Planned): Promise<void> {
    const { response } = await createProposal(p.agent, p.envelope, p.idempotencyKey, p.createdAt);
    // The demo's policies approve read and draft work at once and leave the commit tier to people.
    const expected = p.tier === "commit" ? "pending" : "approved";
    if (response.status !== expected) throw new Error(`intake said ${response.status} for "${p.envelope.title}", the demo expects ${expected}`);
    ids.set(p, { id: response.id, digest: response.digest });
  }

  async function decide(user: CurrentUser, members: Planned[], outcome: "approved" | "rejected", reason: string | null, at: Date, expect: "decided" | "recorded") {
    const result = await decideProposals(user, { ids: members.map(idOf), outcome, reason: reason ?? undefined }, at);
    if (result[expect].length !== members.length) {
      throw new Error(`${user.email} could not decide ${members.map((m) => `"${m.envelope.title}"`).join(", ")}: ${JSON.stringify(result.skipped)}`);
    }
  }

  async function report(p: Planned, at: Date): Promise<void> {
    const result = (p.status === "executed" ? p.draft.result : p.draft.failure) as ExecutionReport["result"];
    await reportExecution(p.agent, idOf(p), { outcome: p.status as "executed" | "failed", result, digest: ids.get(p)!.digest }, at);
  }

  async function sweep(at: Date): Promise<void> {
    // The sweeper runs often; by this moment it has expired this proposal (and any other then overdue).
    await expireOverdueProposals(at);
  }

  return { users: USERS, agents: [...agents.values()], proposals: planned.map((p) => ({ ...p, id: idOf(p) })), toolKey: tool.key };
}
