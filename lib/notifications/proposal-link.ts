// Every link a notification carries opens the proposal page. That page requires
// a session and sends a signed-out person to /login with the page as the
// (same-origin, checked) callback, so a link never decides anything by itself.
import { env } from "@/lib/env";

export function proposalUrl(proposalId: string): string {
  return new URL(`/proposals/${encodeURIComponent(proposalId)}`, env().PUBLIC_URL).toString();
}

export function appUrl(path: string): string {
  return new URL(path, env().PUBLIC_URL).toString();
}
