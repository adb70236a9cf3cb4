// Runs before every request (Next.js 16's proxy, formerly middleware): sets the
// browser security headers (lib/security/browser-headers.ts) on pages and API
// responses, with a fresh CSP nonce per request. Next.js finds the nonce in the
// request's Content-Security-Policy header and stamps it on its own scripts,
// which is why pages are rendered per request (app/layout.tsx).
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/security/browser-headers";

export function proxy(request: NextRequest) {
  const settings = env();
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    https: (settings.NEXTAUTH_URL ?? settings.PUBLIC_URL).startsWith("https:"),
    development: settings.NODE_ENV === "development",
    signInOrigins: settings.OIDC_ISSUER ? [new URL(settings.OIDC_ISSUER).origin] : [],
  });
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
