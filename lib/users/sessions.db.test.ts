// Ending sessions against a real database: every change that must end a
// user's sessions moves their session version on, with a receipt; changing a
// password needs the current one.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { setUserActive, setUserRole } from "@/lib/users/admin-changes";
import { setUserActiveByEmail } from "@/lib/users/set-membership";
import { changeOwnPassword, endAllSessions, forcePasswordReset, unlinkSso } from "@/lib/users/sessions";
import { createUser } from "@/lib/users/create-user";
import { verifyPassword } from "@/lib/auth/passwords";
import { createTestUser } from "@/test-support/users";
import { uniqueName } from "@/test-support/fixtures";
import type { CurrentUser } from "@/lib/auth/current-user";

const PASSWORD = "first-password-123";

async function userWithPassword(): Promise<CurrentUser> {
  const user = await createUser({ email: `${uniqueName("pw")}@example.com`, name: "Pat Password", role: "approver", password: PASSWORD });
  return { id: user.id, email: user.email, name: user.name, role: "approver", authMethod: "password" };
}

const versionOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

describe("session versions", () => {
  it("move on with a role change and with disabling (admin page and CLI), not with a no-op", async () => {
    const admin = await createTestUser("admin");
    const pat = await userWithPassword();
    const v0 = await versionOf(pat.id);
    await setUserRole(admin, { userId: pat.id, role: "approver" }); // unchanged
    expect(await versionOf(pat.id)).toBe(v0);
    await setUserRole(admin, { userId: pat.id, role: "viewer" });
    expect(await versionOf(pat.id)).toBe(v0 + 1);
    await setUserActive(admin, { userId: pat.id, active: false });
    expect(await versionOf(pat.id)).toBe(v0 + 2);
    await setUserActive(admin, { userId: pat.id, active: true }); // re-enabling does not revive the old sessions
    expect(await versionOf(pat.id)).toBe(v0 + 2);
    await setUserActiveByEmail(pat.email, false); // the CLI's user:disable
    expect(await versionOf(pat.id)).toBe(v0 + 3);
  });

  it("sign out everywhere moves it on, with a receipt", async () => {
    const pat = await userWithPassword();
    const v0 = await versionOf(pat.id);
    await endAllSessions(pat);
    expect(await versionOf(pat.id)).toBe(v0 + 1);
    expect(await db.receipt.findFirst({ where: { kind: "sessions_ended", actorId: pat.id } })).toMatchObject({ payload: { user_id: pat.id, by: "self" } });
  });
});

describe("changing your own password", () => {
  it("needs the current password; then stores the new one (argon2id), ends every session and writes a receipt", async () => {
    const pat = await userWithPassword();
    const v0 = await versionOf(pat.id);
    await expect(changeOwnPassword(pat, { currentPassword: "wrong-password-1", newPassword: "second-password-456" }, "192.0.2.10")).rejects.toMatchObject({
      code: "wrong_password",
    });
    expect(await versionOf(pat.id)).toBe(v0);
    await expect(changeOwnPassword(pat, { currentPassword: PASSWORD, newPassword: "short" }, "192.0.2.10")).rejects.toThrow();

    await changeOwnPassword(pat, { currentPassword: PASSWORD, newPassword: "second-password-456" }, "192.0.2.10");
    const row = await db.user.findUniqueOrThrow({ where: { id: pat.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash!, "second-password-456")).toBe(true);
    expect(await verifyPassword(row.passwordHash!, PASSWORD)).toBe(false);
    expect(row.sessionVersion).toBe(v0 + 1);
    const receipt = await db.receipt.findFirstOrThrow({ where: { kind: "password_changed", actorId: pat.id } });
    expect(receipt.payload).toMatchObject({ user_id: pat.id, by: "self", sessions_ended: true });
    expect(JSON.stringify(receipt.payload)).not.toContain("second-password");
  });

  it("guessing the current password through it is throttled like sign-in", async () => {
    const pat = await userWithPassword();
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) {
      await changeOwnPassword(pat, { currentPassword: `guess-${i}-password`, newPassword: "second-password-456" }, "192.0.2.11").catch((e: { code: string }) =>
        codes.push(e.code),
      );
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill("wrong_password"));
    expect(codes.slice(5)).toEqual(["throttled", "throttled"]);
  });

  it("is refused for an account that signs in only through single sign-on", async () => {
    const sso = await createTestUser("viewer");
    await expect(changeOwnPassword(sso, { currentPassword: "anything-123", newPassword: "second-password-456" }, null)).rejects.toMatchObject({ code: "no_password" });
  });
});

describe("admin levers", () => {
  it("a forced reset ends the sessions and requires a new password, which clears it", async () => {
    const admin = await createTestUser("admin");
    const pat = await userWithPassword();
    const v0 = await versionOf(pat.id);
    await expect(forcePasswordReset(pat, { userId: pat.id })).rejects.toMatchObject({ code: "forbidden" });
    await forcePasswordReset(admin, { userId: pat.id });
    let row = await db.user.findUniqueOrThrow({ where: { id: pat.id } });
    expect(row).toMatchObject({ mustChangePassword: true, sessionVersion: v0 + 1 });
    expect(await db.receipt.findFirst({ where: { kind: "password_reset_forced", actorId: admin.id } })).toMatchObject({ payload: { user_id: pat.id } });

    await changeOwnPassword({ ...pat, mustChangePassword: true }, { currentPassword: PASSWORD, newPassword: "second-password-456" }, null);
    row = await db.user.findUniqueOrThrow({ where: { id: pat.id } });
    expect(row).toMatchObject({ mustChangePassword: false, sessionVersion: v0 + 2 });
  });

  it("unlinking single sign-on clears the pin and ends the sessions", async () => {
    const admin = await createTestUser("admin");
    const sso = await createTestUser("viewer");
    await db.user.update({ where: { id: sso.id }, data: { ssoIssuer: "https://idp.example", ssoSubject: `sub-${sso.id}` } });
    const v0 = await versionOf(sso.id);
    await unlinkSso(admin, { userId: sso.id });
    expect(await db.user.findUniqueOrThrow({ where: { id: sso.id } })).toMatchObject({ ssoIssuer: null, ssoSubject: null, sessionVersion: v0 + 1 });
    expect(await db.receipt.findFirst({ where: { kind: "sso_unlinked", actorId: admin.id } })).toMatchObject({ payload: { subject: `sub-${sso.id}` } });
  });
});
