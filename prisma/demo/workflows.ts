// The demo's five workflows: a queue, the agent that proposes into it, who it
// acts for, its proposal templates and the reasons people give.
import type { Workflow } from "./company";
import { createDraftBill, payVendorBill, payWithDiscount, summarizeAging, updateVendorBank, voidDuplicateBill } from "./templates/payables";
import { accessReview, extendAccess, grantAccess, revokeAccess } from "./templates/access";
import { advanceLead, draftAccountNote, markChurned, markCustomer, mergeDuplicates, pipelineSummary, reassignOwner, updateArr } from "./templates/crm";
import { draftReply, sendEmail } from "./templates/email";
import { codeChangeDraft } from "./templates/code";

export const WORKFLOWS: Workflow[] = [
  {
    queue: {
      slug: "accounts-payable",
      name: "Accounts payable",
      description: "Vendor bill payments, early-payment discounts and vendor bank changes proposed by ap-payments-bot.",
      domains: ["ap"],
    },
    agent: { name: "ap-payments-bot", sponsor: "priya", scopes: ["ap:read", "ap:write:draft", "ap:commit"], model: "gpt-4.1", versions: ["2025-04-14", "2025-06-02"] },
    count: 80,
    nonCommitShare: 0.14,
    actors: [
      [{ user: "priya" }, 6],
      [{ user: "dana" }, 2],
      [{ type: "service", id: "svc_ap_inbox", name: "AP inbox", email: "ap@countersign.dev" }, 2],
    ],
    commit: [payVendorBill, payWithDiscount, voidDuplicateBill, updateVendorBank],
    nonCommit: [createDraftBill, summarizeAging],
    rejectReasons: [
      "Amount does not match the PO; the vendor is sending a corrected invoice.",
      "Duplicate of an invoice we paid last week.",
      "Vendor changed bank details recently; hold until the call-back is done.",
      "Not due yet; pay it in the regular Thursday run.",
      "Goods receipt is missing for two lines.",
    ],
    approvalNotes: ["Checked against the PO and receiving report.", "OK, within budget.", "Confirmed with the plant manager."],
  },
  {
    queue: {
      slug: "access-requests",
      name: "Access requests",
      description: "Grants, extensions and removals of access to production and business systems, from IT tickets.",
      domains: ["iam"],
      defaultTtlSeconds: 3 * 24 * 3600,
    },
    agent: { name: "iam-access-bot", sponsor: "marcus", scopes: ["iam:read", "iam:commit"], model: "claude-sonnet-4", versions: ["2025-05-14", "2025-05-14"] },
    count: 60,
    nonCommitShare: 0.08,
    actors: [
      [{ user: "marcus" }, 4],
      [{ type: "team", id: "team_it_helpdesk", name: "IT Help Desk", email: "it@countersign.dev" }, 3],
      [{ user: "priya" }, 1],
    ],
    commit: [grantAccess, revokeAccess, extendAccess],
    nonCommit: [accessReview],
    rejectReasons: [
      "No manager approval on the ticket.",
      "Too broad: request a narrower role for this task.",
      "Contractors get access through the vendor-access process.",
      "Already covered by an existing group membership.",
    ],
    approvalNotes: ["Manager approval verified.", "Time-boxed, fine.", "Confirmed with the requester on Slack."],
  },
  {
    queue: {
      slug: "crm-updates",
      name: "CRM updates",
      description: "Account lifecycle, ARR and ownership changes in Salesforce, proposed by crm-hygiene-bot.",
      domains: ["crm"],
    },
    agent: { name: "crm-hygiene-bot", sponsor: "lena", scopes: ["crm:read", "crm:write:draft", "crm:commit"], model: "gpt-4.1-mini", versions: ["2025-04-14", "2025-04-14"] },
    count: 55,
    nonCommitShare: 0.2,
    actors: [
      [{ user: "lena" }, 3],
      [{ type: "team", id: "team_sales_ops", name: "Sales Ops", email: "salesops@countersign.dev" }, 2],
    ],
    commit: [markCustomer, updateArr, reassignOwner, markChurned, mergeDuplicates, advanceLead],
    nonCommit: [draftAccountNote, pipelineSummary],
    rejectReasons: [
      "ARR comes from the quote, not the signed order.",
      "Owner changes wait for the territory plan on the 1st.",
      "Not duplicates: they are separate legal entities.",
      "The customer has not countersigned yet.",
    ],
    approvalNotes: ["Matches the signed order form.", "Confirmed with finance."],
  },
  {
    queue: {
      slug: "customer-email",
      name: "Customer email",
      description: "Outbound email to customers: RMA updates, rollout notices, answers on support tickets.",
      domains: ["email", "support"],
    },
    agent: {
      name: "support-mailer",
      sponsor: "lena",
      scopes: ["email:read", "email:write:draft", "email:commit", "support:read"],
      model: "claude-3-5-haiku",
      versions: ["2024-10-22", "2024-10-22"],
    },
    count: 60,
    nonCommitShare: 0.15,
    actors: [
      [{ user: "lena" }, 3],
      [{ type: "team", id: "team_support", name: "Support team", email: "support@countersign.dev" }, 2],
    ],
    commit: [sendEmail],
    nonCommit: [draftReply],
    rejectReasons: [
      "Tone is off for an upset customer; I'll answer this one myself.",
      "Don't promise a ship date before logistics confirms it.",
      "Wrong contact: send it to their operations lead.",
      "Mentions internal ticket details; remove them.",
    ],
    approvalNotes: ["Reads well.", "Date confirmed with logistics."],
  },
  {
    queue: {
      slug: "code-changes",
      name: "Code changes",
      description: "Small refactors and dependency bumps that github-refactor-bot wants to merge.",
      domains: ["github"],
    },
    agent: {
      name: "github-refactor-bot",
      sponsor: "marcus",
      scopes: ["github:read", "github:write:draft", "github:commit"],
      model: "o4-mini",
      versions: ["2025-04-16", "2025-06-10"],
    },
    count: 45,
    nonCommitShare: 0.2,
    actors: [
      [{ user: "marcus" }, 4],
      [{ type: "team", id: "team_platform", name: "Platform team", email: "platform@countersign.dev" }, 1],
    ],
    commit: [{ weight: 1, build: ({ rng }) => codeChangeDraft(rng, false) }],
    nonCommit: [{ weight: 1, build: ({ rng }) => codeChangeDraft(rng, true) }],
    rejectReasons: [
      "Changes behaviour the scheduler relies on; needs a design note first.",
      "Needs a test for the empty-page case.",
      "Release freeze until Thursday.",
      "Major version bump needs a migration note in the changelog.",
    ],
    approvalNotes: ["LGTM.", "Reviewed the diff, tests cover it."],
  },
];
