// One badge: a short label on a tinted, ringed chip. Text carries the meaning;
// the tone only reinforces it.
import type { ReactNode } from "react";
import { badgeTone, type Tone } from "./tokens";

const base = "inline-flex items-center rounded px-1.5 py-0.5 ring-1";
const sizes = {
  /** The dense default of tables and headers. */
  sm: "text-[11px] font-medium leading-4 ring-inset whitespace-nowrap",
  /** The security log's and webhook log's chips (no weight: the security log's codes are mono). */
  md: "text-xs",
};

type Props = {
  tone?: Tone;
  /** Overrides the tone's colours where a badge needs its own emphasis. */
  colors?: string;
  size?: keyof typeof sizes;
  mono?: boolean;
  className?: string;
  title?: string;
  children: ReactNode;
} & { [data: `data-${string}`]: string | undefined };

export function Badge({ tone = "neutral", colors, size = "sm", mono, className, children, ...rest }: Props) {
  return (
    <span className={`${base} ${sizes[size]} ${mono ? "font-mono" : ""} ${colors ?? badgeTone[tone]} ${className ?? ""}`} {...rest}>
      {children}
    </span>
  );
}

const TIER_TONES: Record<string, Tone> = { read: "neutral", "write:draft": "info", commit: "violet" };
const RISK_TONES: Record<string, Tone> = { low: "success", medium: "warning", high: "caution", critical: "critical" };
const STATUS_TONES: Record<string, Tone> = {
  pending: "warning",
  approved: "success",
  executed: "successStrong",
  rejected: "danger",
  failed: "dangerStrong",
  expired: "muted",
  cancelled: "muted",
  revoked: "caution",
};

export function TierBadge({ tier }: { tier: string }) {
  return <Badge tone={TIER_TONES[tier] ?? "neutral"}>{tier}</Badge>;
}
export function RiskBadge({ risk }: { risk: string }) {
  return <Badge tone={RISK_TONES[risk] ?? "warning"}>{risk} risk</Badge>;
}
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "muted"}>{status}</Badge>;
}
