// The security headers of one response, with this deployment's settings: the
// one place that turns configuration into lib/security/browser-headers.ts's
// options. Used by proxy.ts (pages and Next-served routes) and by the lean
// agent API (lib/http/agent-api-dispatch.ts), so both send the same headers,
// the agent API with a policy of its own (JSON only, no nonce).
import { env } from "@/lib/env";
import { agentApiSecurityHeaders, newNonce, securityHeaders } from "@/lib/security/browser-headers";

const https = () => {
  const settings = env();
  return (settings.NEXTAUTH_URL ?? settings.PUBLIC_URL).startsWith("https:");
};

export function responseSecurityHeaders(nonce: string = newNonce()): Record<string, string> {
  const settings = env();
  return securityHeaders({
    nonce,
    https: https(),
    development: settings.NODE_ENV === "development",
    signInOrigins: settings.OIDC_ISSUER ? [new URL(settings.OIDC_ISSUER).origin] : [],
  });
}

let agentApiHeaders: Readonly<Record<string, string>> | undefined;
/** The agent API's headers: the same for every answer, so made once (the settings are read once too). */
export function agentApiResponseHeaders(): Readonly<Record<string, string>> {
  return (agentApiHeaders ??= Object.freeze(agentApiSecurityHeaders({ https: https() })));
}
