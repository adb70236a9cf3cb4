import "server-only";
// Who hears about a proposal: the people who may decide it (the same Cedar
// question the decision itself asks, so the sponsor and the person the agent
// acts for are not mailed a proposal they may not decide), and for
// escalations the queue's admins.
import { db } from "@/lib/db/client";
import { authorizeDecision } from "@/lib/policy/engine";
import { decisionResourceOf } from "@/lib/proposals/load-for-decision";
import { ROLES, isRole, type Role } from "@/lib/roles/roles";

export type Recipient = { id: string; email: string; name: string };

export type DecidableProposal = {
  id: string;
  queueId: string;
  tier: string;
  risk: string;
  intent: string;
  actorEmail: string | null;
  scopes: unknown;
  agent: { sponsorId: string };
  queue: { slug: string; separationOfDuties: boolean };
};

export const decidableSelect = {
  id: true,
  queueId: true,
  tier: true,
  risk: true,
  intent: true,
  actorEmail: true,
  scopes: true,
  agent: { select: { sponsorId: true } },
  queue: { select: { slug: true, separationOfDuties: true } },
} as const;

type Person = Recipient & { role: string; memberships: { queueId: string | null; role: string }[] };

function higher(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/** The effective role on a queue, as lib/users/queue-roles.ts computes it (from rows already loaded). */
export function effectiveRole(person: Person, queueId: string): Role {
  let global: Role = isRole(person.role) ? person.role : "viewer";
  for (const m of person.memberships) if (m.queueId === null && isRole(m.role)) global = higher(global, m.role);
  let role = global;
  for (const m of person.memberships) if (m.queueId === queueId && isRole(m.role)) role = higher(role, m.role);
  return role;
}

/** Active people whose role on one of `queueIds` (or everywhere) is at least approver. */
export async function loadDeciders(queueIds: string[]): Promise<Person[]> {
  return db.user.findMany({
    where: {
      active: true,
      OR: [
        { role: { in: ["approver", "admin"] } },
        { memberships: { some: { role: { in: ["approver", "admin"] }, OR: [{ queueId: null }, { queueId: { in: queueIds } }] } } },
      ],
    },
    select: { id: true, email: true, name: true, role: true, memberships: { select: { queueId: true, role: true } } },
  });
}

export function mayDecide(person: Person, p: DecidableProposal): boolean {
  const role = effectiveRole(person, p.queueId);
  if (role === "viewer") return false;
  return authorizeDecision({
    user: { id: person.id, email: person.email, name: person.name, role },
    action: "approve",
    proposal: decisionResourceOf(p),
  }).allowed;
}

/** The queue's admins: admin on this queue, on every queue, or globally. */
export async function queueAdmins(queueId: string): Promise<Recipient[]> {
  const people = await loadDeciders([queueId]);
  return people.filter((p) => effectiveRole(p, queueId) === "admin").map(({ id, email, name }) => ({ id, email, name }));
}
