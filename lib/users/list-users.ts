import "server-only";
import { db } from "@/lib/db/client";

/** Every user with their per-queue roles, for the admin page. */
export async function listUsersForAdmin() {
  const [users, queues] = await Promise.all([
    db.user.findMany({
      orderBy: [{ active: "desc" }, { email: "asc" }],
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        active: true,
        passwordHash: true,
        mustChangePassword: true,
        ssoIssuer: true,
        ssoSubject: true,
        createdAt: true,
        memberships: { select: { queueId: true, role: true, queue: { select: { slug: true, name: true } } } },
      },
    }),
    db.queue.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, name: true } }),
  ]);
  return {
    queues,
    users: users.map(({ passwordHash, memberships, ssoIssuer, ssoSubject, ...u }) => ({
      ...u,
      createdAt: u.createdAt.toISOString(),
      signIn: passwordHash ? "password" : "single sign-on only",
      hasPassword: passwordHash !== null,
      ssoIdentity: ssoIssuer && ssoSubject ? `${ssoSubject} at ${ssoIssuer}` : null,
      memberships: memberships
        .map((m) => ({ queueId: m.queueId, role: m.role, label: m.queue ? m.queue.slug : "all queues" }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    })),
  };
}

/** Active users who can sponsor a new agent, for the admin's "create an agent" form. */
export async function listPossibleSponsors() {
  return db.user.findMany({ where: { active: true }, orderBy: { email: "asc" }, select: { email: true, name: true } });
}
