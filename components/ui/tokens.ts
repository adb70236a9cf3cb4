// The class strings every page shares, declared once. Pages compose these
// instead of repeating Tailwind lists, so a change of look is one edit here.

/** Table header and body cells of the dense list tables. */
export const th = "px-2 py-1.5 text-left text-[11px] font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400";
export const td = "px-2 py-1.5 align-top";

export const link = "text-blue-700 hover:underline dark:text-blue-400";
/** A link inside running text: underlined, so it is not told apart by colour alone (WCAG 1.4.1). */
export const inlineLink = "text-blue-700 underline underline-offset-2 hover:no-underline dark:text-blue-400";
export const muted = "text-zinc-600 dark:text-zinc-400";
/**
 * Secondary text. zinc-600, not zinc-500: zinc-500 passes on white (4.8:1) but not on the tinted
 * rows it also sits on (4.43:1 on a selected row's blue-50), so one shade for every background.
 */
export const faint = "text-zinc-600 dark:text-zinc-400";

/** Form fields: the admin forms' input and label, and the GET filter bars' field and stacked label. */
export const input =
  "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900 focus:outline-none focus:ring-2 focus:ring-blue-600/40";
export const label = "block text-xs font-medium text-zinc-700 dark:text-zinc-300";
export const field =
  "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 focus:outline-none focus:ring-2 focus:ring-blue-600/40";
export const stackedLabel = "flex flex-col gap-0.5 text-xs font-medium text-zinc-600 dark:text-zinc-400";
export const textarea = "mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700";

const button =
  "inline-flex h-8 items-center rounded-md px-3 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";
export const primaryButton = `${button} bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300`;
export const secondaryButton = `${button} border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800`;
export const dangerButton = `${button} bg-red-700 text-white hover:bg-red-800`;
export const smallButton =
  "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-600";
/** A link that looks like the secondary button (export, next page). */
export const buttonLink =
  "inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

/** The decision buttons (queue batch bar, proposal page). */
const decisionButton =
  "rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";
export const approveButton = `${decisionButton} bg-emerald-700 text-white hover:bg-emerald-800`;
export const rejectButton = `${decisionButton} bg-red-700 text-white hover:bg-red-800`;
export const outlineButton = `${decisionButton} border border-zinc-300 dark:border-zinc-700`;
export const decisionButtonBase = decisionButton;

export const card = "rounded-md border border-zinc-200 p-3 dark:border-zinc-800";
/** The grey panel behind filter bars and the decision panel. */
export const panel = "rounded-md border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/50";

/** Colour per tone for badges and notices; one palette for every page. */
export type Tone = "neutral" | "muted" | "critical" | "info" | "teal" | "violet" | "success" | "successStrong" | "warning" | "caution" | "danger" | "dangerStrong";
export const badgeTone: Record<Tone, string> = {
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
  muted: "bg-zinc-100 text-zinc-600 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-400 dark:ring-zinc-700",
  critical: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  info: "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  teal: "bg-teal-50 text-teal-800 ring-teal-200 dark:bg-teal-950 dark:text-teal-200 dark:ring-teal-800",
  violet: "bg-violet-50 text-violet-800 ring-violet-200 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  successStrong: "bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-900 dark:text-emerald-100 dark:ring-emerald-700",
  warning: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  caution: "bg-orange-50 text-orange-800 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  danger: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  dangerStrong: "bg-red-100 text-red-900 ring-red-300 dark:bg-red-900 dark:text-red-100 dark:ring-red-700",
};
