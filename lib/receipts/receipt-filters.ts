// The receipts browser's filters, as they appear in the URL (so a view can be
// shared and exported as it is). Parsing never throws: an unknown or malformed
// value falls back to its default, which is "no filter".
import { isDay } from "@/lib/base/time-range";
import { z } from "zod";
import { firstValues, type SearchParams } from "@/lib/base/search-params";

export const RECEIPT_KINDS = [
  "approved",
  "rejected",
  "auto_approved",
  "edited",
  "expired",
  "cancelled",
  "revoked",
  "executed",
  "failed",
  "proposed",
  "agent_created",
  "agent_revoked",
  "agent_stopped",
  "key_created",
  "key_revoked",
  "user_created",
  "user_role_changed",
  "user_disabled",
  "user_enabled",
  "membership_changed",
  "tool_created",
  "tool_revoked",
  "token_redeemed",
  "queue_created",
  "queue_setting_changed",
  "password_changed",
  "password_reset_forced",
  "sessions_ended",
  "sso_unlinked",
  "standing_approval_granted",
  "standing_approval_changed",
  "standing_approval_revoked",
  "rollback_requested",
] as const;
export type ReceiptKindName = (typeof RECEIPT_KINDS)[number];

/** Receipts that record someone (or a policy) deciding a proposal. */
export const DECISION_KINDS = ["approved", "rejected", "auto_approved"] as const satisfies readonly ReceiptKindName[];

/**
 * `events` (the default) is every kind except `proposed`: each proposal writes a
 * `proposed` receipt, and they would otherwise bury the decisions. `all` adds them back.
 */
export const KIND_FILTERS = ["events", "decisions", "all", ...RECEIPT_KINDS] as const;
export type KindFilter = (typeof KIND_FILTERS)[number];
export const DEFAULT_KIND: KindFilter = "events";

export const KIND_FILTER_LABELS: Record<KindFilter, string> = {
  events: "Everything but “proposed” (default)",
  decisions: "Decisions (approved, rejected, auto-approved)",
  all: "Everything, including “proposed”",
  approved: "approved",
  rejected: "rejected",
  auto_approved: "auto_approved",
  edited: "edited",
  expired: "expired",
  cancelled: "cancelled",
  revoked: "revoked",
  executed: "executed",
  failed: "failed",
  proposed: "proposed",
  agent_created: "agent_created",
  agent_revoked: "agent_revoked",
  agent_stopped: "agent_stopped",
  key_created: "key_created",
  key_revoked: "key_revoked",
  user_created: "user_created",
  user_role_changed: "user_role_changed",
  user_disabled: "user_disabled",
  user_enabled: "user_enabled",
  membership_changed: "membership_changed",
  tool_created: "tool_created",
  tool_revoked: "tool_revoked",
  token_redeemed: "token_redeemed",
  queue_created: "queue_created",
  queue_setting_changed: "queue_setting_changed",
  password_changed: "password_changed",
  password_reset_forced: "password_reset_forced",
  sessions_ended: "sessions_ended",
  sso_unlinked: "sso_unlinked",
  standing_approval_granted: "standing_approval_granted",
  standing_approval_changed: "standing_approval_changed",
  standing_approval_revoked: "standing_approval_revoked",
  rollback_requested: "rollback_requested",
};

/** Which kinds a kind filter matches: a list to include, one to exclude, or none (everything). */
export function kindSelection(kind: KindFilter): { in: string[] } | { notIn: string[] } | null {
  if (kind === "all") return null;
  if (kind === "events") return { notIn: ["proposed"] };
  if (kind === "decisions") return { in: [...DECISION_KINDS] };
  return { in: [kind] };
}

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const optionalDay = z.string().refine(isDay).optional().catch(undefined);

export const receiptFiltersSchema = z.object({
  kind: z.enum(KIND_FILTERS).catch(DEFAULT_KIND).default(DEFAULT_KIND),
  /** A user id, or an email (matched case-insensitively against the snapshot). */
  decider: optionalText(200),
  /** An agent's name: receipts of its proposals and agent_* receipts about it. */
  agent: optionalText(64),
  /** A queue's slug. */
  queue: optionalText(64),
  /** A decision batch id: every receipt one batch approval or rejection wrote. */
  batch: z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/).optional().catch(undefined),
  /** Inclusive UTC days. */
  from: optionalDay,
  to: optionalDay,
});
export type ReceiptFilters = z.infer<typeof receiptFiltersSchema>;

export function parseReceiptFilters(params: SearchParams): ReceiptFilters {
  return receiptFiltersSchema.parse(firstValues(params));
}

/** The page cursor: the seq of the last receipt shown, or null for the first page. */
export function parseReceiptCursor(params: SearchParams): number | null {
  const raw = firstValues(params).cursor;
  if (!raw || !/^[1-9]\d{0,14}$/.test(raw)) return null;
  return Number(raw);
}

/** The URL query for a set of filters (and optional extras), leaving out defaults. */
export function receiptFiltersToSearch(filters: Partial<ReceiptFilters>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["kind", "decider", "agent", "queue", "batch", "from", "to"] as const) {
    const value = filters[key];
    if (value === undefined || value === "") continue;
    if (key === "kind" && value === DEFAULT_KIND) continue;
    params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function hasActiveFilters(filters: ReceiptFilters): boolean {
  return filters.kind !== DEFAULT_KIND || !!(filters.decider || filters.agent || filters.queue || filters.batch || filters.from || filters.to);
}

