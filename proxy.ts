// Runs before every request Next.js serves (Next.js 16's proxy, formerly
// middleware): sets the browser security headers on pages and API responses,
// with a fresh CSP nonce per request. Next.js finds the nonce in the request's
// Content-Security-Policy header and stamps it on its own scripts, which is why
// pages are rendered per request (app/layout.tsx). The agent API (/api/v1/*)
// answers JSON only and gets its own fixed policy, here and from the lean
// handler that serves it in production (scripts/serve.mjs). A server
// action call nested too deep for React's decoder is refused here, before
// Next.js decodes it (lib/http/server-action-depth.ts says why), and so is one
// from another origin, which Next.js refused with a 500 (server-action-origin.ts),
// and a path whose percent-encoding does not decode (malformed-path.ts).
import { NextResponse, type NextRequest } from "next/server";
import { newNonce } from "@/lib/security/browser-headers";
import { agentApiResponseHeaders, responseSecurityHeaders } from "@/lib/security/response-security-headers";
import { actionBodyTooDeepResponse, serverActionBodyTooDeep } from "@/lib/http/server-action-depth";
import { crossOriginActionResponse, crossOriginServerAction } from "@/lib/http/server-action-origin";
import { malformedPath, malformedPathResponse } from "@/lib/http/malformed-path";
import { env } from "@/lib/env";

/** A 4xx for a request Next.js would answer with a 500, or null to let it through. */
async function refusalOf(request: NextRequest): Promise<Response | null> {
  if (malformedPath(request.url)) return malformedPathResponse();
  if (crossOriginServerAction(request, env().TRUSTED_PROXY_HOPS)) return crossOriginActionResponse();
  if (await serverActionBodyTooDeep(request)) return actionBodyTooDeepResponse();
  return null;
}

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = request.nextUrl.pathname.startsWith("/api/v1/") ? agentApiResponseHeaders() : responseSecurityHeaders(nonce);
  const refusal = await refusalOf(request);
  if (refusal) {
    for (const [name, value] of Object.entries(headers)) refusal.headers.set(name, value);
    return refusal;
  }
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's immutable static files (they run only under a page's policy).
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
