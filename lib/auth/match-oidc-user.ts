import "server-only";
// Which Countersign user a single sign-on identity is. The first time, a
// verified email matches an existing, active account, and that account is
// pinned to the identity (issuer, subject). From then on the identity decides:
// the pinned account signs in by (issuer, subject), and another subject that
// shows up with the same email (an address re-issued at the provider to
// someone else) is refused and logged, never let in as the old owner.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { recordSignInRefusal } from "@/lib/security/sign-in-refusals";

export type OidcClaims = { iss?: string; sub: string; email?: string; email_verified?: boolean | string; name?: string };

export type OidcMatch = { id: string; email: string; name: string; sessionVersion: number };
export type OidcRefusal = "EmailNotVerified" | "NoAccount" | "IdentityMismatch";

const USER = { id: true, email: true, name: true, active: true, sessionVersion: true, ssoIssuer: true, ssoSubject: true } as const;

/** The issuer as one string however it was written (with or without a trailing slash). */
function issuerOf(claims: OidcClaims): string {
  return (claims.iss ?? env().OIDC_ISSUER ?? "").replace(/\/+$/, "");
}

export async function matchOidcUser(claims: OidcClaims | undefined): Promise<OidcMatch | OidcRefusal> {
  // Some providers (e.g. AWS Cognito) send email_verified as the string "true".
  const verified = claims?.email_verified === true || claims?.email_verified === "true";
  if (!claims?.sub || !claims.email || !verified) {
    logger.warn("single sign-on refused", { sub: claims?.sub, reason: "email not verified" });
    await recordSignInRefusal({ email: claims?.email ?? null, reason: "sso_email_not_verified", method: "oidc" });
    return "EmailNotVerified";
  }
  const issuer = issuerOf(claims);
  const email = claims.email.trim().toLowerCase();

  const pinned = await db.user.findUnique({ where: { ssoIssuer_ssoSubject: { ssoIssuer: issuer, ssoSubject: claims.sub } }, select: USER });
  if (pinned) return activeOrRefused(pinned, email);

  const user = await db.user.findUnique({ where: { email }, select: USER });
  if (!user || !user.active) return activeOrRefused(user, email);
  if (user.ssoSubject === null) {
    // Pin only if still unpinned: of two first sign-ins racing with different subjects, one wins.
    await db.user.updateMany({ where: { id: user.id, ssoSubject: null }, data: { ssoIssuer: issuer, ssoSubject: claims.sub } });
    const now = await db.user.findUnique({ where: { id: user.id }, select: USER });
    if (now && now.ssoIssuer === issuer && now.ssoSubject === claims.sub) {
      logger.info("single sign-on identity pinned", { userId: user.id, issuer, subject: claims.sub });
      return activeOrRefused(now, email);
    }
  }
  logger.warn("single sign-on refused", { email, reason: "account pinned to another identity", issuer, subject: claims.sub });
  await recordSignInRefusal({ email, user: { id: user.id, email: user.email }, reason: "sso_identity_mismatch", method: "oidc" });
  return "IdentityMismatch";
}

async function activeOrRefused(
  user: { id: string; email: string; name: string; active: boolean; sessionVersion: number } | null,
  email: string,
): Promise<OidcMatch | OidcRefusal> {
  if (user?.active) return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
  logger.warn("single sign-on refused", { email, reason: user ? "inactive" : "no account" });
  await recordSignInRefusal({ email, user: user ? { id: user.id, email: user.email } : null, reason: "sso_no_account", method: "oidc" });
  return "NoAccount";
}
