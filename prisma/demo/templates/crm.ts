// CRM updates: account lifecycle, ARR and ownership changes.
import { dollars, day, isoDay, DAY } from "../format";
import { step, type Template } from "../company";
import type { Rng } from "../rng";

export type Account = { id: string; name: string; industry: string; contact: string; domain: string };
export const ACCOUNTS: Account[] = [
  ["Fulton Logistics", "3PL", "Maria Gonzalez"],
  ["Pinecrest Hospital Group", "Healthcare", "Dr. Alan Reyes"],
  ["Meridian Foods", "Food & beverage", "Grace Okafor"],
  ["Atlas Warehousing", "3PL", "Peter Lindqvist"],
  ["Bluewater Shipping", "Shipping", "Emma Davies"],
  ["Copperline Manufacturing", "Manufacturing", "Raj Iyer"],
  ["Evergreen Grocers", "Retail", "Nadia Petrova"],
  ["Granite State Distribution", "Distribution", "Tom Whitaker"],
  ["Harborview Medical Center", "Healthcare", "Linda Park"],
  ["Ironwood Automotive", "Automotive", "Carlos Mendes"],
  ["Juniper Pharma", "Pharma", "Isabel Moreau"],
  ["Lakeshore Beverage", "Food & beverage", "Kevin Walsh"],
  ["Monarch Textiles", "Manufacturing", "Aiko Suzuki"],
  ["Nimbus Fulfillment", "E-commerce", "Daniel Cho"],
  ["Old Mill Bakeries", "Food & beverage", "Fiona Byrne"],
  ["Prairie Agritech", "Agriculture", "Owen Harris"],
].map(([name, industry, contact], i) => ({
  id: `001Nw00000${(0x3a7f1 + i * 7919).toString(36).toUpperCase().padStart(5, "0")}`,
  name: name!,
  industry: industry!,
  contact: contact!,
  domain: `${name!.toLowerCase().replace(/[^a-z ]/g, "").split(" ").slice(0, 2).join("-")}.example`,
}));

const REPS = ["Grace Holloway", "Diego Martins", "Aisha Bello", "Tom Becker", "Ethan Brooks"];
const CRM = "https://northwind-robotics.my.salesforce.example/lightning/r/Account";

function accountTarget(a: Account) {
  return { type: "account", id: a.id, label: a.name };
}
function roundArr(rng: Rng, min: number, max: number): number {
  return Math.round(rng.between(min, max) / 500) * 500;
}
function crmFailure(rng: Rng) {
  return rng.pick([
    { code: "validation_rule", message: "Salesforce validation rule Owner_Must_Be_Active failed" },
    { code: "row_lock", message: "UNABLE_TO_LOCK_ROW: the account is being edited by another process" },
  ]);
}

export const markCustomer: Template = {
  weight: 3,
  build: ({ rng, createdAt }) => {
    const a = rng.pick(ACCOUNTS);
    const units = rng.int(4, 60);
    const arr = units * rng.pick([9_600, 11_400, 12_000, 14_800]);
    const sdr = rng.pick(REPS);
    const ae = rng.pick(REPS.filter((r) => r !== sdr));
    return {
      intent: "update_account_fields",
      title: `Mark ${a.name} as a customer (ARR ${dollars(arr)})`,
      summary: `Order form OF-${rng.int(300, 899)} countersigned ${day(new Date(createdAt.getTime() - rng.int(0, 2) * DAY))}: ${units} AMR-200 units on a 3-year subscription. Account moves from ${sdr} to ${ae}.`,
      risk: arr >= 250_000 ? "high" : "medium",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id, order_form: `OF-${rng.int(300, 899)}`, units },
      plan: [
        step("Read account and signed order form", "crm.get_account", "crm:read", { account_id: a.id }),
        step("Stage field updates", "crm.stage_update", "crm:write:draft", { account_id: a.id, fields: ["lifecycle_stage", "arr", "owner"] }),
        step("Apply staged update", "crm.apply_update", "crm:commit", { account_id: a.id }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "lifecycle_stage", before: "opportunity", after: "customer" },
            { path: "arr", before: 0, after: arr },
            { path: "owner", before: sdr, after: ae },
          ],
        },
      ],
      artifacts: [{ type: "crm_record", id: a.id, url: `${CRM}/${a.id}/view`, label: a.name }],
      result: { account_id: a.id, updated_fields: ["lifecycle_stage", "arr", "owner"] },
      failure: crmFailure(rng),
    };
  },
};

export const updateArr: Template = {
  weight: 3,
  build: ({ rng, createdAt }) => {
    const a = rng.pick(ACCOUNTS);
    const before = roundArr(rng, 40_000, 600_000);
    const pct = rng.pick([-12, -5, 3, 5, 8, 15, 22, 40]);
    const after = Math.round((before * (1 + pct / 100)) / 500) * 500;
    const renewal = new Date(createdAt.getTime() + rng.int(20, 60) * DAY);
    const nextRenewal = new Date(renewal.getTime() + 365 * DAY);
    return {
      intent: "update_account_fields",
      title: `Update ${a.name} ARR to ${dollars(after)} after renewal (${pct > 0 ? "+" : ""}${pct}%)`,
      summary:
        pct > 0
          ? `Renewal signed with ${Math.max(1, Math.round(pct / 4))} additional robots; finance confirmed the new contract value.`
          : `Renewal signed at a lower fleet size; ${a.name} retired part of its older AMR-100 fleet.`,
      risk: Math.abs(after - before) >= 50_000 ? "high" : "medium",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id, contract: `CT-${rng.int(1000, 9999)}` },
      plan: [
        step("Read account and renewal contract", "crm.get_account", "crm:read", { account_id: a.id }),
        step("Stage ARR and renewal date", "crm.stage_update", "crm:write:draft", { account_id: a.id, fields: ["arr", "renewal_date"] }),
        step("Apply staged update", "crm.apply_update", "crm:commit", { account_id: a.id }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "arr", before, after },
            { path: "renewal_date", before: isoDay(renewal), after: isoDay(nextRenewal) },
          ],
        },
      ],
      result: { account_id: a.id, updated_fields: ["arr", "renewal_date"] },
      failure: crmFailure(rng),
    };
  },
};

export const reassignOwner: Template = {
  weight: 2,
  build: ({ rng }) => {
    const a = rng.pick(ACCOUNTS);
    const from = rng.pick(REPS);
    const to = rng.pick(REPS.filter((r) => r !== from));
    const territories = ["US-East", "US-Central", "US-West", "EMEA", "Strategic"];
    const t1 = rng.pick(territories);
    const t2 = rng.pick(territories.filter((t) => t !== t1));
    return {
      intent: "reassign_account_owner",
      title: `Reassign ${a.name} from ${from} to ${to}`,
      summary: `Territory plan moves ${a.industry} accounts in ${t1} to ${t2}; open opportunities move with the account.`,
      risk: "low",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id, new_owner: to, move_open_opportunities: true },
      plan: [
        step("Read account and open opportunities", "crm.get_account", "crm:read", { account_id: a.id, include: ["opportunities"] }),
        step("Stage owner change", "crm.stage_update", "crm:write:draft", { account_id: a.id, fields: ["owner", "territory"] }),
        step("Apply staged update", "crm.apply_update", "crm:commit", { account_id: a.id }),
        step("Notify both reps", "crm.post_chatter", "crm:commit", { account_id: a.id, mention: [from, to] }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "owner", before: from, after: to },
            { path: "territory", before: t1, after: t2 },
          ],
        },
      ],
      result: { account_id: a.id, opportunities_moved: rng.int(0, 5) },
      failure: crmFailure(rng),
    };
  },
};

export const markChurned: Template = {
  weight: 1,
  build: ({ rng }) => {
    const a = rng.pick(ACCOUNTS);
    const arr = roundArr(rng, 30_000, 220_000);
    return {
      intent: "update_account_fields",
      title: `Mark ${a.name} as churned (ARR ${dollars(arr)} → $0)`,
      summary: `Non-renewal notice received; contract ends this month. Robots are scheduled for pickup.`,
      risk: "high",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id, churn_reason: rng.pick(["budget", "moved to competitor", "site closure"]) },
      plan: [
        step("Read account and non-renewal notice", "crm.get_account", "crm:read", { account_id: a.id }),
        step("Stage lifecycle change", "crm.stage_update", "crm:write:draft", { account_id: a.id, fields: ["lifecycle_stage", "arr"] }),
        step("Apply staged update", "crm.apply_update", "crm:commit", { account_id: a.id }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "lifecycle_stage", before: "customer", after: "churned" },
            { path: "arr", before: arr, after: 0 },
          ],
        },
      ],
      result: { account_id: a.id, updated_fields: ["lifecycle_stage", "arr"] },
      failure: crmFailure(rng),
    };
  },
};

export const mergeDuplicates: Template = {
  weight: 1,
  build: ({ rng }) => {
    const a = rng.pick(ACCOUNTS);
    const dupId = `001Nw00000${rng.hex(5).toUpperCase()}`;
    const owner = rng.pick(REPS);
    return {
      intent: "merge_duplicate_accounts",
      title: `Merge duplicate account "${a.name} Inc." into ${a.name}`,
      summary: `Same domain (${a.domain}), billing address and primary contact; the duplicate was created by a web form.`,
      risk: "high",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { primary_id: a.id, duplicate_id: dupId },
      plan: [
        step("Compare the two records", "crm.compare_accounts", "crm:read", { ids: [a.id, dupId] }),
        step("Stage merge", "crm.stage_merge", "crm:write:draft", { primary_id: a.id, duplicate_id: dupId }),
        step("Merge accounts", "crm.merge_accounts", "crm:commit", { primary_id: a.id, duplicate_id: dupId }),
      ],
      changes: [
        {
          target: { type: "account", id: dupId, label: `${a.name} Inc. (duplicate)` },
          fields: [
            { path: "status", before: "active", after: "merged" },
            { path: "merged_into", before: null, after: a.id },
          ],
        },
        {
          target: accountTarget(a),
          fields: [
            { path: "contacts", before: rng.int(2, 6), after: rng.int(7, 12) },
            { path: "owner", before: owner, after: owner },
          ],
        },
      ],
      result: { account_id: a.id, merged: dupId },
      failure: { code: "merge_blocked", message: "Duplicate has an open case; Salesforce refused the merge" },
    };
  },
};

export const advanceLead: Template = {
  weight: 2,
  build: ({ rng }) => {
    const a = rng.pick(ACCOUNTS);
    const [from, to] = rng.pick([
      ["lead", "mql"],
      ["mql", "sql"],
      ["sql", "opportunity"],
    ] as const);
    const owner = rng.pick(REPS);
    return {
      intent: "update_account_fields",
      title: `Move ${a.name} from ${from.toUpperCase()} to ${to.toUpperCase()}`,
      summary: `Discovery call held with ${a.contact}; ${rng.int(2, 4)} of 4 qualification criteria met (budget, site survey, timeline).`,
      risk: "low",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id },
      plan: [
        step("Read account and call notes", "crm.get_account", "crm:read", { account_id: a.id, include: ["activities"] }),
        step("Apply lifecycle change", "crm.apply_update", "crm:commit", { account_id: a.id, fields: { lifecycle_stage: to } }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "lifecycle_stage", before: from, after: to },
            { path: "owner", before: owner, after: owner },
          ],
        },
      ],
      result: { account_id: a.id, updated_fields: ["lifecycle_stage"] },
      failure: crmFailure(rng),
    };
  },
};

export const draftAccountNote: Template = {
  weight: 2,
  build: ({ rng, createdAt }) => {
    const a = rng.pick(ACCOUNTS);
    const units = rng.int(6, 40);
    return {
      intent: "draft_account_note",
      title: `Draft QBR notes for ${a.name}`,
      risk: "low",
      scopes: ["crm:read", "crm:write:draft"],
      inputs: { account_id: a.id, meeting: isoDay(createdAt) },
      plan: [
        step("Read account, cases and fleet usage", "crm.get_account", "crm:read", { account_id: a.id, include: ["cases", "usage"] }),
        step("Create draft note", "crm.create_note_draft", "crm:write:draft", { account_id: a.id }),
      ],
      changes: [
        {
          target: { type: "account_note", id: `note_${rng.hex(8)}`, label: `QBR notes · ${a.name}` },
          format: "text",
          before: "",
          after: [
            `QBR with ${a.contact} (${a.name}), ${day(createdAt)}`,
            "",
            `- Fleet: ${units} AMR-200 units, ${rng.int(91, 99)}.${rng.int(0, 9)}% uptime last quarter`,
            `- Open cases: ${rng.int(0, 4)} (none severity 1)`,
            `- Interest in ${rng.pick(["the cold-storage kit", "a second site", "the pallet-jack attachment", "fleet analytics add-on"])}`,
            `- Next step: site survey in ${rng.pick(["two weeks", "March", "the next quarter"])}`,
          ].join("\n"),
        },
      ],
      result: { note_id: `note_${rng.hex(8)}` },
      failure: crmFailure(rng),
    };
  },
};

export const pipelineSummary: Template = {
  weight: 1,
  build: ({ rng, createdAt }) => ({
    intent: "summarize_pipeline",
    title: `Summarize pipeline changes for the week of ${day(createdAt)}`,
    risk: "low",
    scopes: ["crm:read"],
    inputs: { since: isoDay(new Date(createdAt.getTime() - 7 * DAY)) },
    plan: [
      step("List opportunity changes", "crm.list_changes", "crm:read", { object: "opportunity", days: 7 }),
      step("Summarize by stage and owner", "crm.summarize", "crm:read", { group_by: ["stage", "owner"] }),
    ],
    result: { changed_opportunities: rng.int(8, 40) },
    failure: { code: "timeout", message: "Report query timed out" },
  }),
};

