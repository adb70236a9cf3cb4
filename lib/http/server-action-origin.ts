// Next.js refuses a server action call whose Origin is not this host (its
// CSRF check), but answers the refusal with a 500, and an Origin it cannot
// parse ("http://a:b") throws before that: a 5xx any caller can provoke. The
// proxy (proxy.ts) refuses such a call first, with a 403.
//
// Next.js compares the Origin's host with X-Forwarded-Host (else Host). With
// no trusted proxy in front (TRUSTED_PROXY_HOPS=0, docs/security.md) the
// client wrote that header itself, so here only Host counts: a hand-made
// request that sends Origin and X-Forwarded-Host both set to another site is
// refused too. Behind trusted proxies, X-Forwarded-Host is theirs (as Next.js
// reads it). A call without Origin is left to Next.js, as it does: browsers
// send one with every cross-site POST.

/** The host (name:port) of an Origin header value; "null" for an opaque origin; null when it cannot be parsed. */
function originHost(origin: string): string | null {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Whether `request` is a server action call from another origin (or an unreadable one), given the trusted proxy hops. */
export function crossOriginServerAction(request: Request, trustedProxyHops: number): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const forwarded = trustedProxyHops > 0 ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || request.headers.get("host");
  const from = originHost(origin);
  return !host || from === null || from !== host;
}

export function crossOriginActionResponse(): Response {
  return new Response("A server action may only be called from this site's own pages (the Origin header names another site).\n", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
