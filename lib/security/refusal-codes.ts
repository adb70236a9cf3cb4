// Which failure codes are refusals (the caller lacked a right) and so belong in
// the security log. Input and state errors (invalid_input, not_found, conflict,
// expired, no_changes, already_decided) are not: they say nothing about who may
// do what, and logging them would bury the attempts an admin must see.
//
// Domain code throws these as AppError("forbidden" or "unauthenticated", code, ...); lib/actions/authed-action.ts
// records every one. A new refusal code must be added here to be recorded.
export const ACTION_REFUSAL_CODES: ReadonlySet<string> = new Set([
  "unauthenticated", // no session, or the account is disabled
  "forbidden", // the role does not allow it (viewer deciding, non-admin on admin actions)
  "not_allowed", // no right on this queue or item
  "separation_of_duties", // the sponsor or the acted-for person approving
  "scope_not_granted", // outside an agent's grant
  "policy_denied", // a policy forbids it
]);

export function isRefusalCode(code: string): boolean {
  return ACTION_REFUSAL_CODES.has(code);
}

/**
 * The agent API's refusals by HTTP status: 401 (no or bad key, no session), 403
 * (outside the grant or role) and 404 from an authenticated caller (asking for
 * another agent's proposal is indistinguishable from probing ids). 400-style
 * validation errors and 429 rate limits are not security events.
 */
export function isRefusedStatus(status: number, authenticated: boolean): boolean {
  return status === 401 || status === 403 || (status === 404 && authenticated);
}

/** The built-in rule behind each refusal code, when the error names no policy of its own. */
const DEFAULT_RULES: Record<string, string> = {
  unauthenticated: "authentication",
  forbidden: "role",
  not_allowed: "queue_role",
  separation_of_duties: "separation_of_duties",
  scope_not_granted: "agent_grant",
  queue_not_allowed: "queue_domains",
  not_found: "own_proposals_only",
};

/**
 * The rule that refused: the ids an error carries in `rule` or `policies`
 * (e.g. Cedar policy ids), else the built-in rule for its code.
 */
export function ruleOf(source: unknown, code: string): string | null {
  if (source && typeof source === "object") {
    const record = source as Record<string, unknown>;
    for (const key of ["rule", "policies"]) {
      const value = record[key];
      if (typeof value === "string" && value) return value;
      if (Array.isArray(value) && value.length) return value.map(String).join(", ");
    }
  }
  return DEFAULT_RULES[code] ?? null;
}
