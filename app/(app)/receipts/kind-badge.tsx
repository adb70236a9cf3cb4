// A receipt's kind, colored by what it means: green for approvals, red for
// refusals and failures, grey for things that lapsed, violet/orange for agents.
const base = "inline-flex items-center rounded px-1.5 py-0.5 font-mono text-[11px] font-medium leading-4 ring-1 ring-inset whitespace-nowrap";

const GREEN = "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800";
const GREEN_STRONG = "bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-900 dark:text-emerald-100 dark:ring-emerald-700";
const TEAL = "bg-teal-50 text-teal-800 ring-teal-200 dark:bg-teal-950 dark:text-teal-200 dark:ring-teal-800";
const RED = "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800";
const RED_STRONG = "bg-red-100 text-red-900 ring-red-300 dark:bg-red-900 dark:text-red-100 dark:ring-red-700";
const GREY = "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700";
const SKY = "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800";
const ORANGE = "bg-orange-50 text-orange-800 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800";
const VIOLET = "bg-violet-50 text-violet-800 ring-violet-200 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800";

const KIND_STYLES: Record<string, string> = {
  approved: GREEN,
  auto_approved: TEAL,
  executed: GREEN_STRONG,
  rejected: RED,
  failed: RED_STRONG,
  revoked: ORANGE,
  agent_revoked: ORANGE,
  edited: SKY,
  proposed: SKY,
  expired: GREY,
  cancelled: GREY,
  agent_created: VIOLET,
  agent_stopped: RED,
  key_created: VIOLET,
  key_revoked: ORANGE,
  user_created: SKY,
  user_role_changed: SKY,
  user_disabled: ORANGE,
  user_enabled: SKY,
  membership_changed: SKY,
  tool_created: VIOLET,
  tool_revoked: ORANGE,
  token_redeemed: GREEN_STRONG,
  queue_created: VIOLET,
  queue_setting_changed: SKY,
  password_changed: SKY,
  password_reset_forced: ORANGE,
  sessions_ended: ORANGE,
  sso_unlinked: ORANGE,
};

export function KindBadge({ kind }: { kind: string }) {
  return <span className={`${base} ${KIND_STYLES[kind] ?? GREY}`}>{kind}</span>;
}

export function authMethodLabel(method: string | null): string | null {
  if (!method) return null;
  return { password: "password", oidc: "single sign-on (OIDC)" }[method] ?? method;
}
