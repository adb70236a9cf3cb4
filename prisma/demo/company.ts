// The made-up company of the demo (Northwind Robotics, which builds warehouse
// robots): its people, and the types of its queues, agents and the proposal
// templates in prisma/demo/templates/.
import type { Envelope, PlanStep, Change } from "@/lib/proposals/envelope";
import type { Rng } from "./rng";

export const COMPANY = "Northwind Robotics";
export const DEMO_PASSWORD = "countersign-demo";

export type DemoUser = { key: string; email: string; name: string; role: "viewer" | "approver" | "admin"; title: string };

export const USERS: DemoUser[] = [
  { key: "ada", email: "admin@countersign.dev", name: "Ada Admin", role: "admin", title: "IT administrator" },
  { key: "dana", email: "dana@countersign.dev", name: "Dana Ops", role: "approver", title: "Finance operations lead" },
  { key: "sam", email: "sam@countersign.dev", name: "Sam Rivera", role: "approver", title: "Security and IT approver" },
  { key: "vic", email: "vic@countersign.dev", name: "Vic Auditor", role: "viewer", title: "Internal audit" },
  { key: "priya", email: "priya@countersign.dev", name: "Priya Shah", role: "viewer", title: "Controller" },
  { key: "marcus", email: "marcus@countersign.dev", name: "Marcus Lee", role: "viewer", title: "Head of platform engineering" },
  { key: "lena", email: "lena@countersign.dev", name: "Lena Fischer", role: "viewer", title: "Customer success lead" },
];

/** Who decides commit-tier proposals, and how often. */
export const DECIDERS: ReadonlyArray<readonly [string, number]> = [
  ["dana", 45],
  ["sam", 40],
  ["ada", 15],
];

/** `domains`: the scope domains the queue governs; each workflow's agent proposes only within them. */
export type DemoQueue = { slug: string; name: string; description: string; domains: string[]; defaultTtlSeconds?: number };
export type DemoAgent = { name: string; sponsor: string; scopes: string[]; model: string; versions: [string, string] };

/** An actor the agent acts for: a demo user (by key) or a service/team. */
export type ActorChoice =
  | { user: string }
  | { type: "service" | "team"; id: string; name: string; email?: string };

export type Risk = "low" | "medium" | "high" | "critical";

/** The content of one proposal; the seed adds actor, agent run, trace and expiry. */
export type Draft = {
  intent: string;
  title: string;
  summary?: string;
  risk: Risk;
  scopes: string[];
  inputs?: Envelope["inputs"];
  plan: PlanStep[];
  changes?: Change[];
  artifacts?: NonNullable<Envelope["artifacts"]>;
  /** What the agent reports when it carried the action out. */
  result: Record<string, unknown>;
  /** What the agent reports when carrying it out failed. */
  failure: { code: string; message: string };
};

export type TemplateContext = { rng: Rng; createdAt: Date; actorName: string; actorIsPerson: boolean };
export type Template = { weight: number; build: (c: TemplateContext) => Draft };

export type Workflow = {
  queue: DemoQueue;
  agent: DemoAgent;
  /** How many of the demo proposals land in this queue. */
  count: number;
  /** Share of proposals that are read / write:draft tier (approved by policy). */
  nonCommitShare: number;
  actors: ReadonlyArray<readonly [ActorChoice, number]>;
  commit: Template[];
  nonCommit: Template[];
  rejectReasons: string[];
  approvalNotes: string[];
};

export function step(title: string, tool: string, scope: string, args: PlanStep["args"]): PlanStep {
  return { title, tool, scope, args };
}
