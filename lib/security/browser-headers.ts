// The browser's security headers, for every page and API response (set in
// proxy.ts). Pages get a Content-Security-Policy with a fresh nonce per
// request: Next.js reads the nonce from the request's CSP header and puts it on
// its own inline and chunk scripts, so nothing else may run; 'strict-dynamic'
// lets those scripts load the app's chunks. No 'unsafe-eval' outside
// development (React's dev tools need it there). Styles keep 'unsafe-inline':
// style attributes cannot carry a nonce, and styles cannot run code.
// No `server-only`: proxy.ts imports it.

export type BrowserHeaderOptions = {
  nonce: string;
  /** The public URL is https: send HSTS and upgrade any http sub-resource. */
  https: boolean;
  development: boolean;
  /** Origins the sign-in may hand over to (the single sign-on provider). */
  signInOrigins: string[];
};

export function contentSecurityPolicy(options: BrowserHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${options.signInOrigins.map((o) => ` ${o}`).join("")}`,
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * The agent API's policy: its answers are JSON, never a document, so nothing
 * may load or run at all, and no nonce is needed (nor made: a fresh one cost
 * every intake request about 20 µs).
 */
export const AGENT_API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers every page and Next-served route gets. */
export function securityHeaders(options: BrowserHeaderOptions): Record<string, string> {
  return { "Content-Security-Policy": contentSecurityPolicy(options), ...headersBesideThePolicy(options) };
}

/** The same headers for the agent API (/api/v1/*), with its own fixed policy. */
export function agentApiSecurityHeaders(options: Pick<BrowserHeaderOptions, "https">): Record<string, string> {
  return { "Content-Security-Policy": AGENT_API_CONTENT_SECURITY_POLICY, ...headersBesideThePolicy(options) };
}

function headersBesideThePolicy(options: Pick<BrowserHeaderOptions, "https">): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** 128 random bits, base64: unguessable, and fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
