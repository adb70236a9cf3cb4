// Demo data for look-alike groups (docs/groups-and-diffs.md): pending
// vendor-bill payments by ap-payments-bot that all have one shape (the same
// three plan steps and the same two changed fields), so the queue shows them as
// one group. One amount is an outlier and one vendor is new, so the group page
// has something to mark. The plan (prisma/demo/plan.ts) swaps these in for the
// first pending accounts-payable proposals.
import type { Change, PlanStep } from "@/lib/proposals/envelope";
import type { Draft } from "../company";
import { money } from "../format";
import type { Rng } from "../rng";

/** How many of the pending accounts-payable proposals become look-alikes. */
export const LOOK_ALIKE_COUNT = 20;
export const LOOK_ALIKE_QUEUE = "accounts-payable";

type Payee = { id: string; name: string; prefix: string; min: number; max: number };

// Regular vendors of the demo's accounts payable (templates/payables.ts), in USD.
const PAYEES: Payee[] = [
  { id: "v_1001", name: "Acme Corp", prefix: "INV-", min: 2_000, max: 9_000 },
  { id: "v_1005", name: "Cascade Machining", prefix: "CM-", min: 2_500, max: 9_500 },
  { id: "v_1006", name: "Helix Cable & Wire", prefix: "HX", min: 1_800, max: 8_000 },
  { id: "v_1007", name: "Northstar Freight", prefix: "NSF-", min: 2_000, max: 8_500 },
  { id: "v_1011", name: "Sable Packaging Co.", prefix: "SP", min: 2_200, max: 9_000 },
];
/** Never paid before: the group page marks it "first time". */
const NEW_PAYEE: Payee = { id: "v_2001", name: "Meridian Tooling Inc.", prefix: "MT-", min: 3_000, max: 7_000 };
const OUTLIER_INDEX = 6;
const NEW_PAYEE_INDEX = 13;

/** The index-th look-alike: same shape every time, different values. */
export function lookAlikeBillDraft(rng: Rng, index: number): Draft {
  const payee = index === NEW_PAYEE_INDEX ? NEW_PAYEE : rng.pick(PAYEES);
  const base = Math.round(rng.between(payee.min, payee.max)) + (rng.chance(0.4) ? 0 : rng.int(0, 99) / 100);
  // Ten times a normal bill: the group's outlier.
  const amount = index === OUTLIER_INDEX ? Math.round(base * 10) : base;
  const invoice = `${payee.prefix}${rng.int(1000, 9999)}`;
  const billId = `bill_${rng.int(10_000, 99_999)}`;
  const po = `PO-${rng.int(7000, 8999)}`;
  const payId = `pay_draft_${rng.int(100, 999)}`;
  const plan: PlanStep[] = [
    { title: "Match invoice to PO and receipt", tool: "ap.match_invoice", scope: "ap:read", args: { invoice, po } },
    { title: "Create draft payment", tool: "ap.create_draft_payment", scope: "ap:write:draft", args: { bill_id: billId, amount: amount.toFixed(2), currency: "USD" } },
    { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: payId, method: "ach" } },
  ];
  const changes: Change[] = [
    {
      target: { type: "vendor_bill", id: billId, label: `${payee.name} ${invoice}` },
      fields: [
        { path: "status", before: "approved", after: "paid" },
        { path: "paid_amount", before: "0.00", after: amount.toFixed(2) },
      ],
    },
  ];
  return {
    intent: "pay_vendor_bill",
    title: `Pay ${payee.name} invoice ${invoice} (${money(amount)})`,
    summary: `Invoice matches ${po} and the goods receipt; due in ${rng.int(2, 12)} days.`,
    risk: amount >= 50_000 ? "critical" : amount >= 10_000 ? "high" : "medium",
    scopes: ["ap:read", "ap:write:draft", "ap:commit"],
    inputs: { vendor_id: payee.id, invoice, amount: amount.toFixed(2), currency: "USD", po },
    plan,
    changes,
    artifacts: [{ type: "draft_payment", id: payId }],
    result: { payment_id: `pay_${rng.int(10_000, 99_999)}` },
    failure: { code: "bank_rejected", message: "Bank rejected the transfer: beneficiary account closed" },
  };
}
