// Access requests: granting, revoking and extending access to internal systems.
import { day, isoDay, emailOf, DAY } from "../format";
import { step, type Risk, type Template } from "../company";
import type { Rng } from "../rng";

type Employee = { name: string; email: string; team: string; contractor?: boolean };
const EMPLOYEES: Employee[] = [
  ["Jordan Kim", "Platform"],
  ["Ava Thompson", "Finance"],
  ["Mateo Alvarez", "Field Engineering"],
  ["Noor Haddad", "Data"],
  ["Ethan Brooks", "Sales"],
  ["Yuki Tanaka", "Robotics Software"],
  ["Olivia Chen", "Support"],
  ["Kwame Mensah", "SRE"],
  ["Sofia Rossi", "Security"],
  ["Liam O'Connor", "Manufacturing"],
  ["Hannah Weber", "Finance"],
  ["Ravi Patel", "Robotics Software"],
  ["Chloe Martin", "Sales Ops"],
].map(([name, team]) => ({ name: name!, team: team!, email: emailOf(name!, "countersign.dev") }));
EMPLOYEES.push({ name: "Samir Nasser", team: "contractor, Tessellate Labs", email: "samir.nasser@tessellate-labs.example", contractor: true });

type System = { id: string; name: string; roles: ReadonlyArray<readonly [string, Risk]> };
const SYSTEMS: System[] = [
  { id: "aws-prod", name: "AWS production", roles: [["ReadOnly", "low"], ["PowerUser", "high"], ["AdministratorAccess", "critical"]] },
  { id: "github", name: "GitHub (northwind-robotics org)", roles: [["member", "low"], ["maintainer", "medium"], ["owner", "critical"]] },
  { id: "salesforce", name: "Salesforce", roles: [["Standard User", "low"], ["Sales Ops Admin", "high"]] },
  { id: "netsuite", name: "NetSuite", roles: [["AP Clerk", "medium"], ["Controller", "high"]] },
  { id: "snowflake", name: "Snowflake", roles: [["ANALYST", "low"], ["SYSADMIN", "critical"]] },
  { id: "datadog", name: "Datadog", roles: [["Standard", "low"], ["Admin", "high"]] },
  { id: "pagerduty", name: "PagerDuty", roles: [["Responder", "low"], ["Manager", "medium"]] },
  { id: "okta", name: "Okta", roles: [["Read-only Admin", "medium"], ["Help Desk Admin", "high"]] },
  { id: "fleet-console", name: "Fleet console (production robots)", roles: [["Viewer", "low"], ["Operator", "high"]] },
];

const JUSTIFICATIONS = [
  "joins the on-call rotation on Monday",
  "investigating INC-2231 (telemetry gaps on the Reno site)",
  "new hire onboarding, role approved by manager",
  "quarter-end close",
  "migrating dashboards to the new warehouse",
  "customer escalation for Harborview Medical Center",
  "pairing on the fleet-api v3 migration",
  "covering for a teammate on leave",
];

function accessBasics(rng: Rng) {
  const person = rng.pick(EMPLOYEES);
  const system = rng.pick(SYSTEMS);
  const [role, risk] = rng.pick(system.roles);
  const ticket = `IT-${rng.int(4000, 5999)}`;
  const membershipId = `${system.id}:${role.toLowerCase().replace(/[^a-z]+/g, "-")}:${person.email.split("@")[0]}`;
  return { person, system, role, risk: person.contractor && risk === "low" ? ("medium" as Risk) : risk, ticket, membershipId };
}

export const grantAccess: Template = {
  weight: 6,
  build: ({ rng, createdAt }) => {
    const a = accessBasics(rng);
    const days = rng.pick([7, 14, 30, 90, null]);
    const until = days ? isoDay(new Date(createdAt.getTime() + days * DAY)) : null;
    const why = rng.pick(JUSTIFICATIONS);
    return {
      intent: "grant_access",
      title: `Grant ${a.role} on ${a.system.name} to ${a.person.name}`,
      summary: `${a.ticket}: ${a.person.name} (${a.person.team}) ${why}. ${days ? `Time-boxed to ${days} days.` : "Standing access."} Manager approval is on the ticket.`,
      risk: a.risk,
      scopes: ["iam:read", "iam:commit"],
      inputs: { ticket: a.ticket, grantee: a.person.email, system: a.system.id, role: a.role, duration_days: days, justification: why },
      plan: [
        step("Read the request ticket and manager approval", "iam.get_ticket", "iam:read", { ticket: a.ticket }),
        step("Check current memberships", "iam.list_memberships", "iam:read", { user: a.person.email, system: a.system.id }),
        step(`Add ${a.person.name} to ${a.role}`, "iam.add_group_member", "iam:commit", { system: a.system.id, role: a.role, user: a.person.email, expires: until }),
      ],
      changes: [
        {
          target: { type: "group_membership", id: a.membershipId, label: `${a.person.name} · ${a.system.name} ${a.role}` },
          fields: [
            { path: "status", before: "none", after: "active" },
            { path: "role", before: null, after: a.role },
            { path: "expires_at", before: null, after: until },
            { path: "granted_via", before: null, after: a.ticket },
          ],
        },
      ],
      artifacts: [{ type: "ticket", id: a.ticket, url: `https://northwind-robotics.atlassian.example/browse/${a.ticket}` }],
      result: { membership_id: a.membershipId, status: "active" },
      failure: rng.pick([
        { code: "rate_limited", message: "Okta API returned 429 after 3 retries" },
        { code: "group_not_found", message: `No group for role ${a.role} in ${a.system.id}; it was renamed` },
      ]),
    };
  },
};

export const revokeAccess: Template = {
  weight: 2,
  build: ({ rng }) => {
    const a = accessBasics(rng);
    const why = rng.pick(["offboarding (last day Friday)", "moved to another team", "quarterly access review finding", "temporary access no longer needed"]);
    return {
      intent: "revoke_access",
      title: `Remove ${a.person.name} from ${a.system.name} ${a.role}`,
      summary: `${a.ticket}: ${why}.`,
      risk: a.risk === "low" ? "medium" : a.risk,
      scopes: ["iam:read", "iam:commit"],
      inputs: { ticket: a.ticket, user: a.person.email, system: a.system.id, role: a.role, reason: why },
      plan: [
        step("Confirm the request with HR / the manager", "iam.get_ticket", "iam:read", { ticket: a.ticket }),
        step("Remove group membership", "iam.remove_group_member", "iam:commit", { system: a.system.id, role: a.role, user: a.person.email }),
        step("Revoke active sessions", "iam.revoke_sessions", "iam:commit", { user: a.person.email, system: a.system.id }),
      ],
      changes: [
        {
          target: { type: "group_membership", id: a.membershipId, label: `${a.person.name} · ${a.system.name} ${a.role}` },
          fields: [
            { path: "status", before: "active", after: "removed" },
            { path: "role", before: a.role, after: null },
          ],
        },
      ],
      result: { membership_id: a.membershipId, status: "removed", sessions_revoked: rng.int(0, 4) },
      failure: { code: "upstream_error", message: `${a.system.name} returned 503 while removing the member` },
    };
  },
};

export const extendAccess: Template = {
  weight: 1,
  build: ({ rng, createdAt }) => {
    const a = accessBasics(rng);
    const oldEnd = new Date(createdAt.getTime() + rng.int(1, 3) * DAY);
    const newEnd = new Date(oldEnd.getTime() + rng.pick([7, 14, 30]) * DAY);
    return {
      intent: "extend_temporary_access",
      title: `Extend ${a.person.name}'s ${a.system.name} ${a.role} access to ${day(newEnd)}`,
      summary: `${a.ticket}: the work that needed it is not finished; extension requested by ${a.person.name}.`,
      risk: a.risk,
      scopes: ["iam:read", "iam:commit"],
      inputs: { ticket: a.ticket, user: a.person.email, system: a.system.id, role: a.role, new_expiry: isoDay(newEnd) },
      plan: [
        step("Read the extension request", "iam.get_ticket", "iam:read", { ticket: a.ticket }),
        step("Update membership expiry", "iam.update_group_member", "iam:commit", { system: a.system.id, user: a.person.email, expires: isoDay(newEnd) }),
      ],
      changes: [
        {
          target: { type: "group_membership", id: a.membershipId, label: `${a.person.name} · ${a.system.name} ${a.role}` },
          fields: [{ path: "expires_at", before: isoDay(oldEnd), after: isoDay(newEnd) }],
        },
      ],
      result: { membership_id: a.membershipId, expires_at: isoDay(newEnd) },
      failure: { code: "conflict", message: "Membership was removed by the nightly sweep before the extension applied" },
    };
  },
};

export const accessReview: Template = {
  weight: 1,
  build: ({ rng }) => {
    const system = rng.pick(SYSTEMS);
    const [role] = system.roles[system.roles.length - 1]!;
    return {
      intent: "access_review_report",
      title: `Access review: list ${system.name} ${role} holders`,
      risk: "low",
      scopes: ["iam:read"],
      inputs: { system: system.id, role },
      plan: [
        step("List group members", "iam.list_group_members", "iam:read", { system: system.id, role }),
        step("Join with HR records and last sign-in", "iam.enrich_members", "iam:read", { fields: ["manager", "team", "last_login"] }),
      ],
      artifacts: [{ type: "report", url: `https://northwind-robotics.atlassian.example/wiki/access-review/${system.id}` }],
      result: { members: rng.int(2, 25), stale: rng.int(0, 4) },
      failure: { code: "timeout", message: "Directory export timed out" },
    };
  },
};

