import { describe, expect, it } from "vitest";
import { agentApiSecurityHeaders, contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security/browser-headers";

const base = { nonce: "abc123==", https: false, development: false, signInOrigins: ["http://idp.example:9000"] };

describe("browser security headers", () => {
  it("has a nonce-based script policy with no unsafe-eval in production, and forbids framing", () => {
    const csp = contentSecurityPolicy(base);
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self' http://idp.example:9000");
    expect(contentSecurityPolicy({ ...base, development: true })).toContain("'unsafe-eval'");
  });

  it("sends HSTS only when the public URL is https", () => {
    expect(securityHeaders(base)).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ ...base, https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    expect(securityHeaders(base)).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });

  it("gives the agent API's JSON answers a policy that lets nothing load or run, and the same other headers as pages", () => {
    const api = agentApiSecurityHeaders({ https: true });
    expect(api["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    const { "Content-Security-Policy": _pagePolicy, ...pageRest } = securityHeaders({ ...base, https: true });
    const { "Content-Security-Policy": _apiPolicy, ...apiRest } = api;
    expect(apiRest).toEqual(pageRest);
    expect(agentApiSecurityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, "base64")).toHaveLength(16);
  });
});
