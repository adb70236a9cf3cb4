// The Cedar policy a standing approval is: generated from the form, stored
// with the grant, shown on /admin/policies and evaluated at intake
// (match-standing-approvals.ts). One request per plan step: the step's tool
// and arguments are in the context (`args`: every top-level argument as text;
// `numbers`: those that are numbers Cedar's decimal holds), so each
// constraint is one condition; an argument that is missing fails it.
import type { Constraint } from "@/lib/standing-approvals/standing-approval-input";

/** A Cedar string literal. Inputs hold no control characters, so escaping quotes and backslashes is enough. */
export function cedarString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function standingPolicyId(id: string): string {
  return `standing-approval:${id}`;
}

function condition(c: Constraint): string {
  const key = cedarString(c.arg);
  if (c.op === "equals") return `context.args has ${key} && context.args[${key}] == ${cedarString(c.value)}`;
  if (c.op === "one_of") return `context.args has ${key} && [${c.value.map(cedarString).join(", ")}].contains(context.args[${key}])`;
  return `context.numbers has ${key} && context.numbers[${key}].lessThanOrEqual(decimal(${cedarString(decimalText(c.value))}))`;
}

/** Cedar's decimal() wants a point: "100" becomes "100.0". */
export function decimalText(value: string): string {
  return value.includes(".") ? value : `${value}.0`;
}

export function standingPolicyText(grant: { id: string; agentId: string; queue: string; tool: string; constraints: Constraint[]; reason: string }): string {
  const conditions = [`resource.queue == Queue::${cedarString(grant.queue)}`, `context.tool == ${cedarString(grant.tool)}`, ...grant.constraints.map(condition)];
  return [
    `@id(${cedarString(standingPolicyId(grant.id))})`,
    `@message(${cedarString(`standing approval: ${grant.reason.replace(/[\u0000-\u001f\u007f]/g, " ")}`)})`,
    `permit (`,
    `  principal == Agent::${cedarString(grant.agentId)},`,
    `  action == Action::"auto_approve",`,
    `  resource`,
    `)`,
    `when {`,
    conditions.map((c) => `  ${c}`).join(" &&\n"),
    `};`,
  ].join("\n");
}
