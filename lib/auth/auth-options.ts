import "server-only";
// next-auth configuration: local accounts (argon2id) and, when configured,
// single sign-on through any OpenID Connect provider. The session (a signed
// JWT cookie) carries only the user's id, how they signed in and the user's
// session version at that moment; role, active flag and the current session
// version are read from the database on every request (lib/auth/current-user.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { TokenSet } from "openid-client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/passwords";
import { signInEmail } from "@/lib/auth/sign-in-email";
import { admitSignInAttempt, clearSignInAttempts } from "@/lib/auth/login-throttle";
import { safeCallback } from "@/lib/auth/safe-callback";
import { matchOidcUser, type OidcClaims } from "@/lib/auth/match-oidc-user";
import { logger } from "@/lib/log";
import { clientIp } from "@/lib/security/client-ip";
import { recordSignInRefusal } from "@/lib/security/sign-in-refusals";

export type AuthMethod = "password" | "oidc" | "slack";

// Verifying against a fixed hash when the user is unknown keeps timing uniform.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0nq0a0cD0TJkX3Ff1PqBhR8qk0P0o1Y5O1wqHkXqL7Q";

export class SignInThrottledError extends Error {}

function sessionSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (secret) return secret;
  if (env().NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET is not set: sessions cannot be signed. Set it in .env (npm run quickstart writes one).");
  }
  return "countersign-development-secret-do-not-use-in-production";
}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const email = signInEmail(credentials?.email);
        const password = String(credentials?.password ?? "");
        if (!email || !password) return null;
        const sent = request?.headers as Record<string, string | undefined> | undefined;
        const ip = clientIp({ get: (name: string) => sent?.[name.toLowerCase()] ?? null });
        // Counted before the password is checked: a burst of parallel guesses cannot all be evaluated.
        const admission = await admitSignInAttempt(email, ip);
        if (!admission.admitted) {
          const reason = admission.limit === "email" ? "throttled" : admission.limit === "address" ? "throttled_address" : "throttled_global";
          await recordSignInRefusal({ email, reason, method: "password", ip });
          const wait = `Wait ${Math.ceil(admission.retryAfterSeconds / 60)} minutes and try again.`;
          const what = { email: "failed sign-ins for this email", address: "sign-in attempts from your network address", global: "sign-in attempts right now" }[admission.limit];
          throw new SignInThrottledError(`Too many ${what}. ${wait}`);
        }
        const user = await db.user.findUnique({
          where: { email },
          select: { id: true, email: true, name: true, passwordHash: true, active: true, sessionVersion: true },
        });
        const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
        if (!user || !ok || !user.active) {
          const reason = !user ? "unknown_user" : !ok ? "wrong_password" : "account_disabled";
          await recordSignInRefusal({ email, user: user ? { id: user.id, email: user.email } : null, reason, method: "password", ip });
          logger.warn("failed sign-in", { email, reason: !user ? "unknown user" : !ok ? "wrong password" : "inactive" });
          return null;
        }
        await clearSignInAttempts(email, ip);
        return { id: user.id, email: user.email, name: user.name, authMethod: "password", sessionVersion: user.sessionVersion };
      },
    }),
  ];
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  if (OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: OIDC_NAME,
      type: "oauth",
      wellKnown: `${OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      // Validate the signed ID token (issuer, audience, expiry, signature) ...
      idToken: true,
      checks: ["pkce", "state"],
      // ... but read email from userinfo too: with the code flow, conforming providers
      // put scope claims (email, email_verified) in userinfo, not in the ID token.
      userinfo: {
        async request({ tokens, client }) {
          const tokenSet = tokens as TokenSet; // next-auth passes openid-client's TokenSet (typed loosely)
          const idClaims = tokenSet.claims();
          const info = await client.userinfo(tokenSet);
          if (info.sub !== idClaims.sub) throw new Error("userinfo subject does not match the ID token");
          return { ...info, ...idClaims, email: info.email ?? idClaims.email, email_verified: info.email_verified ?? idClaims.email_verified };
        },
      },
      profile(profile: OidcClaims) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? null };
      },
    });
  }
  return list;
}

/** The public URL is https: cookies are then Secure (and __Secure- prefixed) whatever the request looked like. */
export function publicUrlIsHttps(): boolean {
  const { NEXTAUTH_URL, PUBLIC_URL } = env();
  return (NEXTAUTH_URL ?? PUBLIC_URL).startsWith("https:");
}

export function authOptions(): NextAuthOptions {
  return {
    secret: sessionSecret(),
    useSecureCookies: publicUrlIsHttps(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      // Single sign-on maps a verified email to an existing, active user; nobody is registered silently.
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const match = await matchOidcUser(profile as OidcClaims | undefined);
        return typeof match === "string" ? `/login?error=${match}` : true;
      },
      // Only same-origin paths: "/\evil.example" and friends land on /queue instead.
      async redirect({ url, baseUrl }) {
        const origin = new URL(baseUrl).origin;
        return `${origin}${safeCallback(url, origin)}`;
      },
      async jwt({ token, user, account, profile }) {
        if (!user) return token;
        if (account?.provider === "oidc") {
          // Resolve the Countersign user again rather than trusting that signIn() mutated
          // `user`: the session's sub must be our user id, never the provider's subject.
          const match = await matchOidcUser(profile as OidcClaims | undefined);
          if (typeof match === "string") throw new Error(match);
          return { sub: match.id, email: match.email, name: match.name, authMethod: "oidc", sv: match.sessionVersion };
        }
        return { ...token, sub: user.id, authMethod: "password", sv: (user as { sessionVersion?: number }).sessionVersion ?? 0 };
      },
      async session({ session, token }) {
        // tokenExpiresAt: the cookie's own expiry, which the server's memo of decoded cookies never outlives (session-claims-memo.ts).
        return { ...session, userId: token.sub, authMethod: token.authMethod, sessionVersion: typeof token.sv === "number" ? token.sv : 0, tokenExpiresAt: typeof token.exp === "number" ? token.exp : undefined };
      },
    },
  };
}
