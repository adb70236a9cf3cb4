// The scope domains a queue governs (`ap`, `procurement`): a proposal lands in
// a queue only when every one of its scopes belongs to one of them, so an
// agent cannot pick its own approvers by sending a payment into a queue run
// by other people under other rules. Pure: shared by intake, the admin page
// and the command line.
import { z } from "zod";
import { DOMAIN_PATTERN, parseScope } from "@/lib/policy/scopes";

export const MAX_QUEUE_DOMAINS = 50;

const domainSchema = z
  .string()
  .trim()
  .min(1)
  .max(64, "a domain is at most 64 characters")
  .regex(DOMAIN_PATTERN, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a scope domain: lowercase letters and digits, with dots or dashes between them (e.g. ap, crm.eu, it-ops)`,
  });

/** A queue's domains as input: at least one, each a valid domain; deduplicated and sorted. */
export const queueDomainsSchema = z
  .array(domainSchema)
  .min(1, "a queue must govern at least one scope domain (e.g. ap)")
  .max(MAX_QUEUE_DOMAINS, `at most ${MAX_QUEUE_DOMAINS} domains`)
  .transform((domains) => [...new Set(domains)].sort());

/**
 * A comma- or space-separated list ("ap, procurement") as typed on the command
 * line or in the admin page's field. Invalid entries are kept so that the
 * schema names them; nothing is silently dropped.
 */
export function splitDomainList(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter((d) => d !== "");
}

/** The domains stored on a queue row (a JSON array); anything else reads as "governs nothing". */
export function readQueueDomains(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((d): d is string => typeof d === "string") : [];
}

/** The domain of a scope (`ap:write:draft` -> `ap`), or null for a malformed scope. */
export function domainOfScope(scope: string): string | null {
  return parseScope(scope)?.domain ?? null;
}

/**
 * The domains of the given scopes that the queue does not govern, in first-seen
 * order. A malformed scope counts as ungoverned (fail closed), by its full text.
 */
export function ungovernedDomains(scopes: Iterable<string>, governed: readonly string[]): string[] {
  const allowed = new Set(governed);
  const out: string[] = [];
  for (const scope of scopes) {
    const domain = domainOfScope(scope) ?? scope;
    if (!allowed.has(domain) && !out.includes(domain)) out.push(domain);
  }
  return out;
}

/** The refusal's message: names the queue and the domain(s). */
export function queueNotAllowedMessage(queue: string, ungoverned: string[], governed: readonly string[]): string {
  const what = ungoverned.length === 1 ? `scope domain ${ungoverned[0]}` : `scope domains ${ungoverned.join(", ")}`;
  const rule = governed.length ? `it governs ${governed.join(", ")}` : "it governs no domain yet (an admin sets them on /admin/queues)";
  return `Queue ${queue} does not govern ${what}; ${rule}. Send the proposal to a queue that governs ${ungoverned.length === 1 ? "that domain" : "those domains"}.`;
}
