// Single sign-on pinning against a real database: the first verified-email
// match pins the account to (issuer, subject); another subject with the same
// email (a re-issued address) is refused and logged.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { matchOidcUser } from "@/lib/auth/match-oidc-user";
import { createTestUser } from "@/test-support/users";
import { uniqueName } from "@/test-support/fixtures";

const ISSUER = "https://idp.example";

describe("single sign-on identity pinning", () => {
  it("pins on the first verified match, then refuses a second subject with the same email", async () => {
    const dana = await createTestUser("approver");
    const first = { iss: ISSUER, sub: uniqueName("sub"), email: dana.email, email_verified: true };
    expect(await matchOidcUser(first)).toMatchObject({ id: dana.id });
    expect(await db.user.findUniqueOrThrow({ where: { id: dana.id } })).toMatchObject({ ssoIssuer: ISSUER, ssoSubject: first.sub });
    expect(await matchOidcUser({ ...first, iss: `${ISSUER}/` })).toMatchObject({ id: dana.id }); // the same issuer written with a slash

    const reissued = { ...first, sub: uniqueName("other-sub") };
    expect(await matchOidcUser(reissued)).toBe("IdentityMismatch");
    expect(await matchOidcUser({ ...first, iss: "https://other-idp.example" })).toBe("IdentityMismatch");
    const event = await db.securityEvent.findFirst({ where: { actorId: dana.id, rule: "sso_pinned_identity" } });
    expect(event).toMatchObject({ code: "sign_in_failed", action: "sign_in:oidc", target: dana.email });

    // The pinned identity still signs in, even after the provider changed its email.
    expect(await matchOidcUser({ ...first, email: "renamed@example.com" })).toMatchObject({ id: dana.id });
  });

  it("two first sign-ins with different subjects racing: exactly one pins the account", async () => {
    const sam = await createTestUser("viewer");
    const claims = (sub: string) => ({ iss: ISSUER, sub, email: sam.email, email_verified: "true" as const });
    const results = await Promise.all([matchOidcUser(claims(uniqueName("a"))), matchOidcUser(claims(uniqueName("b")))]);
    expect(results.filter((r) => typeof r === "object")).toHaveLength(1);
    expect(results.filter((r) => r === "IdentityMismatch")).toHaveLength(1);
  });

  it("still refuses unverified emails and unknown or disabled accounts", async () => {
    const nobody = `${uniqueName("nobody")}@example.com`;
    expect(await matchOidcUser({ iss: ISSUER, sub: uniqueName("s"), email: nobody, email_verified: false })).toBe("EmailNotVerified");
    expect(await matchOidcUser({ iss: ISSUER, sub: uniqueName("s"), email: nobody, email_verified: true })).toBe("NoAccount");
  });
});
