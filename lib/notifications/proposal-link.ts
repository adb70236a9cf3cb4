// Every link a notification carries goes through the sign-in page with the
// target as its callback: a signed-out person signs in first and lands on the
// proposal (the callback is checked to be a same-origin path,
// lib/auth/safe-callback.ts); a signed-in person is sent straight on. Links
// only open pages, so a link never decides anything by itself.
import { env } from "@/lib/env";

/** A link to a page of this app, through sign-in. */
export function appUrl(path: string): string {
  const url = new URL("/login", env().PUBLIC_URL);
  url.searchParams.set("callbackUrl", path);
  return url.toString();
}

export function proposalUrl(proposalId: string): string {
  return appUrl(`/proposals/${encodeURIComponent(proposalId)}`);
}
