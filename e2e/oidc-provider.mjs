// A real OpenID Connect provider for the end-to-end tests (the `oidc-provider`
// package, the same library certified OPs are built on), so single sign-on is
// exercised through discovery, PKCE, state, a signed ID token and userinfo,
// not a mock. Plain .mjs so Playwright can start it with `node` (no build step).
//
// Sign in on its built-in dev login form with any login id (any password):
//   dana@countersign.dev           -> email dana@countersign.dev, verified
//   stranger@example.com           -> a verified email with no Countersign account
//   unverified:dana@countersign.dev -> dana's email, but email_verified false
//   dana@countersign.dev#2         -> dana's email, verified, under ANOTHER subject: the
//                                     provider re-issued the address to someone else
// The subject is "idp|<login id>", deliberately unlike a Countersign user id, so
// a test can tell whether the session carries the provider's subject.
import Provider from "oidc-provider";

export const OIDC_PORT = Number(process.env.OIDC_PORT ?? 3219);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT_ID = "countersign-e2e";
export const OIDC_CLIENT_SECRET = "countersign-e2e-client-secret-0123456789";
const APP_URL = process.env.APP_URL ?? "http://127.0.0.1:3210";

function account(loginId) {
  const unverified = loginId.startsWith("unverified:");
  const email = (unverified ? loginId.slice("unverified:".length) : loginId).split("#")[0];
  return {
    accountId: loginId,
    async claims() {
      return { sub: loginId, email, email_verified: !unverified, name: `${email} (test IdP)` };
    },
  };
}

const provider = new Provider(OIDC_ISSUER, {
  clients: [
    {
      client_id: OIDC_CLIENT_ID,
      client_secret: OIDC_CLIENT_SECRET,
      redirect_uris: [`${APP_URL}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Standard behaviour, kept explicit: with the code flow the ID token carries only
  // sub & co. and email arrives from userinfo, which the app must handle.
  conformIdTokenClaims: true,
  findAccount: (_ctx, id) => account(id),
  // First-party test client: grant what it asks for, so there is no consent screen.
  async loadExistingGrant(ctx) {
    const { client, session, params } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) return provider.Grant.find(grantId);
    const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(String(params.scope ?? "openid"));
    await grant.save();
    return grant;
  },
  cookies: { keys: ["e2e-oidc-cookie-key-not-secret"] },
  features: { devInteractions: { enabled: true } },
});

provider.listen(OIDC_PORT, "127.0.0.1", () => {
  console.log(`test OpenID Connect provider at ${OIDC_ISSUER}`);
});
