// A receipt's kind, colored by what it means: green for approvals, red for
// refusals and failures, grey for things that lapsed, violet/orange for agents.
import { Badge } from "@/components/ui/badge";
import type { Tone } from "@/components/ui/tokens";

const GREEN: Tone = "success";
const GREEN_STRONG: Tone = "successStrong";
const TEAL: Tone = "teal";
const RED: Tone = "danger";
const RED_STRONG: Tone = "dangerStrong";
const GREY: Tone = "neutral";
const SKY: Tone = "info";
const ORANGE: Tone = "caution";
const VIOLET: Tone = "violet";

const KIND_TONES: Record<string, Tone> = {
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
  standing_approval_granted: VIOLET,
  standing_approval_changed: SKY,
  standing_approval_revoked: ORANGE,
};

export function KindBadge({ kind }: { kind: string }) {
  return (
    <Badge tone={KIND_TONES[kind] ?? GREY} mono>
      {kind}
    </Badge>
  );
}

export function authMethodLabel(method: string | null): string | null {
  if (!method) return null;
  return { password: "password", oidc: "single sign-on (OIDC)" }[method] ?? method;
}
