// A session cookie is valid only at the session version it was issued with:
// once the user's version moves on (role change, disable, password change,
// sign out everywhere, forced reset), getCurrentUser no longer sees them.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createTestUser } from "@/test-support/users";
import { endAllSessions } from "@/lib/users/sessions";

const cookie: { current: { userId: string; authMethod: "password" | "oidc"; sessionVersion?: number } | null } = { current: null };
const decodes = { count: 0 };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: async () => {
    decodes.count++;
    return cookie.current;
  },
}));
// The cookie's value stands for its claims, as a real (encrypted) cookie does: other claims, another value.
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => (cookie.current ? [{ name: "next-auth.session-token", value: JSON.stringify(cookie.current) }] : []) }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

const { getCurrentUser, requireUser } = await import("@/lib/auth/current-user");

describe("sessions end when the session version moves on", () => {
  it("an older session is signed out; a session of the current version is not", async () => {
    const user = await createTestUser("approver");
    cookie.current = { userId: user.id, authMethod: "password", sessionVersion: 0 };
    expect(await getCurrentUser()).toMatchObject({ id: user.id });
    await endAllSessions(user);
    expect(await getCurrentUser()).toBeNull();
    cookie.current = { userId: user.id, authMethod: "password", sessionVersion: 1 };
    expect(await getCurrentUser()).toMatchObject({ id: user.id });
  });

  it("decodes a cookie once for a while, yet checks the user on every request", async () => {
    const user = await createTestUser("approver");
    cookie.current = { userId: user.id, authMethod: "password", sessionVersion: 0 };
    const before = decodes.count;
    expect(await getCurrentUser()).toMatchObject({ id: user.id });
    expect(await getCurrentUser()).toMatchObject({ id: user.id });
    expect(decodes.count - before).toBe(1);
    // The same remembered cookie, refused as soon as the user is disabled.
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getCurrentUser()).toBeNull();
    expect(decodes.count - before).toBe(1);
  });

  it("a forced reset sends password sessions to /account, not single sign-on ones", async () => {
    const user = await createTestUser("approver");
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    cookie.current = { userId: user.id, authMethod: "password", sessionVersion: 0 };
    await expect(requireUser("/queue")).rejects.toThrow("redirect /account?reset=required");
    expect(await requireUser("/account", { allowPendingReset: true })).toMatchObject({ id: user.id, mustChangePassword: true });
    cookie.current = { userId: user.id, authMethod: "oidc", sessionVersion: 0 };
    expect(await requireUser("/queue")).toMatchObject({ id: user.id, mustChangePassword: false });
  });
});
