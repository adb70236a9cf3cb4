// The look-alike key: two proposals have the same shape when the same agent
// proposes the same kind of action into the same queue with the same plan
// (tools and argument names, in order) touching the same change paths. Only
// the values differ (amount, vendor, invoice), so a person can review them as
// one group. Stored on the proposal at intake (indexed), so grouping is a
// GROUP BY. Pure: no database, no clock.
import { digestOf } from "@/lib/base/canonical-json";
import type { Change, PlanStep } from "@/lib/proposals/envelope";

export type ShapeSource = {
  agentId: string;
  queueId: string;
  intent: string;
  plan: Pick<PlanStep, "tool" | "args">[];
  changes?: Change[] | null;
};

/** The parts that make up the shape, readable (shown nowhere, but tested and hashed). */
export function shapeOf(source: ShapeSource) {
  return {
    agent: source.agentId,
    queue: source.queueId,
    intent: source.intent,
    // Order matters: "verify, then pay" is another action than "pay".
    plan: source.plan.map((step) => ({ tool: step.tool, args: Object.keys(step.args).sort() })),
    // The target's type, not its id (every bill has its own id); the paths changed.
    changes: (source.changes ?? []).map((change) =>
      "fields" in change ? { type: change.target.type, fields: change.fields.map((f) => f.path).sort() } : { type: change.target.type, text: true },
    ),
  };
}

/** 32 hex characters of SHA-256 over the canonical shape: short enough for a URL, far too long to collide. */
export function shapeKey(source: ShapeSource): string {
  return digestOf(shapeOf(source)).slice(0, 32);
}

export const SHAPE_KEY_PATTERN = /^[0-9a-f]{32}$/;
