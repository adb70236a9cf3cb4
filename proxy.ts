// Runs before every request Next.js serves (Next.js 16's proxy, formerly
// middleware): sets the browser security headers on pages and API responses,
// with a fresh CSP nonce per request. Next.js finds the nonce in the request's
// Content-Security-Policy header and stamps it on its own scripts, which is why
// pages are rendered per request (app/layout.tsx). The agent API served by the
// lean handler (scripts/serve.mjs) sets the same headers itself. A server
// action call nested too deep for React's decoder is refused here, before
// Next.js decodes it (lib/http/server-action-depth.ts says why).
import { NextResponse, type NextRequest } from "next/server";
import { newNonce } from "@/lib/security/browser-headers";
import { responseSecurityHeaders } from "@/lib/security/response-security-headers";
import { actionBodyTooDeepResponse, serverActionBodyTooDeep } from "@/lib/http/server-action-depth";

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = responseSecurityHeaders(nonce);
  if (await serverActionBodyTooDeep(request)) {
    const refused = actionBodyTooDeepResponse();
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
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
