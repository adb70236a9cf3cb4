// The security headers of one response, with this deployment's settings: the
// one place that turns configuration into lib/security/browser-headers.ts's
// options. Used by proxy.ts (pages and Next-served routes) and by the lean
// agent API (lib/http/agent-api-dispatch.ts), so both send the same headers.
import { env } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/security/browser-headers";

export function responseSecurityHeaders(nonce: string = newNonce()): Record<string, string> {
  const settings = env();
  return securityHeaders({
    nonce,
    https: (settings.NEXTAUTH_URL ?? settings.PUBLIC_URL).startsWith("https:"),
    development: settings.NODE_ENV === "development",
    signInOrigins: settings.OIDC_ISSUER ? [new URL(settings.OIDC_ISSUER).origin] : [],
  });
}
