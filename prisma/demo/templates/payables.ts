// Accounts payable: paying vendor bills, early-payment discounts, duplicate bills, bank detail changes.
import type { PlanStep, Change } from "@/lib/proposals/envelope";
import { fixed, money, day, isoDay, DAY } from "../format";
import { COMPANY, step, type Risk, type Draft, type Template } from "../company";
import type { Rng } from "../rng";

type Vendor = { id: string; name: string; currency: string; min: number; max: number; what: string; prefix: string; recurring?: boolean };

const VENDORS: Vendor[] = [
  { id: "v_1001", name: "Acme Corp", currency: "USD", min: 2_000, max: 18_000, what: "fasteners and enclosures", prefix: "INV-" },
  { id: "v_1002", name: "Baltic Bearings GmbH", currency: "EUR", min: 4_000, max: 40_000, what: "precision bearings", prefix: "BB-2025-" },
  { id: "v_1003", name: "Keystone Servo Supply", currency: "USD", min: 8_000, max: 95_000, what: "servo motors", prefix: "KSS" },
  { id: "v_1004", name: "Lumen Optics Ltd", currency: "GBP", min: 3_000, max: 30_000, what: "lidar optics", prefix: "LO-" },
  { id: "v_1005", name: "Cascade Machining", currency: "USD", min: 1_500, max: 22_000, what: "machined chassis parts", prefix: "CM-" },
  { id: "v_1006", name: "Helix Cable & Wire", currency: "USD", min: 600, max: 9_000, what: "wiring harnesses", prefix: "HX" },
  { id: "v_1007", name: "Northstar Freight", currency: "USD", min: 900, max: 14_000, what: "inbound freight", prefix: "NSF-" },
  { id: "v_1008", name: "Orbital Cloud Hosting", currency: "USD", min: 11_000, max: 48_000, what: "cloud hosting", prefix: "OCH-", recurring: true },
  { id: "v_1009", name: "Quarry Office Supplies", currency: "USD", min: 120, max: 1_800, what: "office supplies", prefix: "Q" },
  { id: "v_1010", name: "Redline Calibration Services", currency: "USD", min: 2_500, max: 12_000, what: "sensor calibration", prefix: "RCS-" },
  { id: "v_1011", name: "Sable Packaging Co.", currency: "USD", min: 1_200, max: 16_000, what: "shipping crates and foam", prefix: "SP" },
  { id: "v_1012", name: "Tidewater Electric", currency: "USD", min: 3_000, max: 9_500, what: "factory electricity", prefix: "TE-", recurring: true },
  { id: "v_1013", name: "Vantage Legal LLP", currency: "USD", min: 6_000, max: 60_000, what: "legal services", prefix: "VL" },
  { id: "v_1014", name: "Brightline Staffing", currency: "USD", min: 9_000, max: 70_000, what: "contract assembly technicians", prefix: "BLS-", recurring: true },
];

const ERP = "https://erp.northwind-robotics.example";

function apRisk(amount: number): Risk {
  return amount >= 50_000 ? "critical" : amount >= 10_000 ? "high" : amount >= 2_000 ? "medium" : "low";
}

function bill(rng: Rng) {
  const vendor = rng.pick(VENDORS);
  const cents = rng.chance(0.3) ? 0 : rng.int(0, 99) / 100;
  const amount = Math.round(rng.between(vendor.min, vendor.max)) + cents;
  return {
    vendor,
    amount,
    invoice: `${vendor.prefix}${rng.int(1000, 9999)}`,
    billId: `bill_${rng.int(10_000, 99_999)}`,
    po: `PO-${rng.int(7000, 8999)}`,
  };
}

export const payVendorBill: Template = {
  weight: 7,
  build: ({ rng, createdAt }) => {
    const b = bill(rng);
    const { vendor, amount } = b;
    const dueIn = rng.int(1, 12);
    const payId = `pay_draft_${rng.int(100, 999)}`;
    const summary = vendor.recurring
      ? `Recurring ${vendor.what} invoice; amount within ${rng.int(1, 4)}% of last month. Due ${day(new Date(createdAt.getTime() + dueIn * DAY))}.`
      : rng.pick([
          `Invoice matches ${b.po} and the goods receipt; due in ${dueIn} days.`,
          `Three-way match passed (${b.po}, receiving report RR-${rng.int(300, 999)}, invoice). Net 30, due in ${dueIn} days.`,
          `Matches ${b.po} for ${vendor.what}; vendor bank details unchanged since onboarding.`,
        ]);
    const plan: PlanStep[] = [];
    if (rng.chance(0.35)) {
      plan.push(step("Check the vendor's bank details have not changed", "ap.verify_vendor_bank", "ap:read", { vendor_id: vendor.id }));
    }
    plan.push(
      step("Match invoice to PO and receipt", "ap.match_invoice", "ap:read", { invoice: b.invoice, po: b.po }),
      step("Create draft payment", "ap.create_draft_payment", "ap:write:draft", { bill_id: b.billId, amount: fixed(amount), currency: vendor.currency }),
      step("Release payment", "ap.release_payment", "ap:commit", { payment_id: payId, method: vendor.currency === "USD" ? "ach" : "wire" }),
    );
    const changes: Change[] = [
      {
        target: { type: "vendor_bill", id: b.billId, label: `${vendor.name} ${b.invoice}` },
        fields: [
          { path: "status", before: "approved", after: "paid" },
          { path: "paid_amount", before: "0.00", after: fixed(amount) },
          ...(rng.chance(0.4) ? [{ path: "payment_method", before: null, after: vendor.currency === "USD" ? "ACH" : "SWIFT wire" }] : []),
        ],
      },
    ];
    if (rng.chance(0.35)) {
      changes.push({
        target: { type: "remittance_advice", id: `ra_${rng.int(1000, 9999)}`, label: `Remittance advice to ${vendor.name}` },
        format: "text",
        before: "",
        after: [
          `Hello ${vendor.name} team,`,
          "",
          `We have released payment of ${money(amount, vendor.currency)} for invoice ${b.invoice} (our ${b.po}).`,
          `Expect the funds within ${vendor.currency === "USD" ? "1-2" : "2-3"} business days.`,
          "",
          "Regards,",
          `${COMPANY} Accounts Payable`,
        ].join("\n"),
      });
    }
    const artifacts: Draft["artifacts"] = [{ type: "draft_payment", id: payId, url: `${ERP}/ap/payments/${payId}` }];
    if (rng.chance(0.5)) artifacts.push({ type: "invoice_pdf", id: b.invoice, url: `${ERP}/ap/bills/${b.billId}/invoice.pdf`, label: `${b.invoice}.pdf` });
    return {
      intent: "pay_vendor_bill",
      title: `Pay ${vendor.name} invoice ${b.invoice} (${money(amount, vendor.currency)})`,
      summary,
      risk: apRisk(amount),
      scopes: ["ap:read", "ap:write:draft", "ap:commit"],
      inputs: { vendor_id: vendor.id, invoice: b.invoice, amount: fixed(amount), currency: vendor.currency, po: b.po },
      plan,
      changes,
      artifacts,
      result: { payment_id: `pay_${rng.int(10_000, 99_999)}`, bank_reference: `${vendor.currency === "USD" ? "ACH" : "SWIFT"}${rng.hex(10).toUpperCase()}` },
      failure: rng.pick([
        { code: "erp_conflict", message: "ERP returned 409: the bill is already marked paid" },
        { code: "bank_rejected", message: "Bank rejected the transfer: beneficiary account closed" },
        { code: "insufficient_funds", message: "Operating account below the payment floor; payment held by the bank" },
      ]),
    };
  },
};

export const payWithDiscount: Template = {
  weight: 2,
  build: ({ rng, createdAt }) => {
    const b = bill(rng);
    const discount = Math.round(b.amount * 0.02 * 100) / 100;
    const pay = Math.round((b.amount - discount) * 100) / 100;
    const payId = `pay_draft_${rng.int(100, 999)}`;
    const by = new Date(createdAt.getTime() + rng.int(1, 4) * DAY);
    return {
      intent: "pay_vendor_bill_early",
      title: `Pay ${b.vendor.name} ${b.invoice} early for 2% discount (${money(pay, b.vendor.currency)})`,
      summary: `Terms 2/10 net 30: paying by ${day(by)} saves ${money(discount, b.vendor.currency)}. Matches ${b.po}.`,
      risk: apRisk(pay),
      scopes: ["ap:read", "ap:write:draft", "ap:commit"],
      inputs: { vendor_id: b.vendor.id, invoice: b.invoice, amount: fixed(b.amount), discount: fixed(discount), currency: b.vendor.currency, pay_by: isoDay(by) },
      plan: [
        step("Confirm discount terms on the vendor record", "ap.get_vendor_terms", "ap:read", { vendor_id: b.vendor.id }),
        step("Create discounted draft payment", "ap.create_draft_payment", "ap:write:draft", { bill_id: b.billId, amount: fixed(pay), discount: fixed(discount) }),
        step("Release payment", "ap.release_payment", "ap:commit", { payment_id: payId }),
      ],
      changes: [
        {
          target: { type: "vendor_bill", id: b.billId, label: `${b.vendor.name} ${b.invoice}` },
          fields: [
            { path: "status", before: "approved", after: "paid" },
            { path: "paid_amount", before: "0.00", after: fixed(pay) },
            { path: "discount_taken", before: "0.00", after: fixed(discount) },
          ],
        },
      ],
      artifacts: [{ type: "draft_payment", id: payId, url: `${ERP}/ap/payments/${payId}` }],
      result: { payment_id: `pay_${rng.int(10_000, 99_999)}`, discount_taken: fixed(discount) },
      failure: { code: "discount_window_closed", message: "Vendor portal rejected the discount: the 10-day window had closed" },
    };
  },
};

export const voidDuplicateBill: Template = {
  weight: 1,
  build: ({ rng }) => {
    const b = bill(rng);
    const original = `bill_${rng.int(10_000, 99_999)}`;
    return {
      intent: "void_duplicate_bill",
      title: `Void duplicate bill ${b.invoice} from ${b.vendor.name}`,
      summary: `Same invoice number, amount (${money(b.amount, b.vendor.currency)}) and PO as ${original}, entered twice from the AP inbox.`,
      risk: "medium",
      scopes: ["ap:read", "ap:commit"],
      inputs: { vendor_id: b.vendor.id, invoice: b.invoice, duplicate_of: original },
      plan: [
        step("Find bills with the same invoice number", "ap.search_bills", "ap:read", { vendor_id: b.vendor.id, invoice: b.invoice }),
        step("Void the duplicate bill", "ap.void_bill", "ap:commit", { bill_id: b.billId, reason: "duplicate" }),
      ],
      changes: [
        {
          target: { type: "vendor_bill", id: b.billId, label: `${b.vendor.name} ${b.invoice} (duplicate)` },
          fields: [
            { path: "status", before: "open", after: "void" },
            { path: "void_reason", before: null, after: `duplicate of ${original}` },
          ],
        },
      ],
      result: { voided: b.billId },
      failure: { code: "bill_locked", message: "Bill is in a closed accounting period and cannot be voided" },
    };
  },
};

export const updateVendorBank: Template = {
  weight: 1,
  build: ({ rng }) => {
    const vendor = rng.pick(VENDORS);
    const oldLast4 = String(rng.int(1000, 9999));
    const newLast4 = String(rng.int(1000, 9999));
    return {
      intent: "update_vendor_bank_details",
      title: `Change ${vendor.name} remittance bank account (…${oldLast4} → …${newLast4})`,
      summary: `Vendor sent new bank details on letterhead. Call-back to the number on file confirmed the change (ticket AP-${rng.int(200, 999)}).`,
      risk: "critical",
      scopes: ["ap:read", "ap:commit"],
      inputs: { vendor_id: vendor.id, callback_verified: true, ticket: `AP-${rng.int(200, 999)}` },
      plan: [
        step("Load vendor record and payment history", "ap.get_vendor", "ap:read", { vendor_id: vendor.id }),
        step("Check the call-back log", "ap.get_callback_log", "ap:read", { vendor_id: vendor.id }),
        step("Update remittance bank account", "ap.update_vendor_bank", "ap:commit", { vendor_id: vendor.id, account_last4: newLast4 }),
      ],
      changes: [
        {
          target: { type: "vendor", id: vendor.id, label: vendor.name },
          fields: [
            { path: "bank_account_last4", before: oldLast4, after: newLast4 },
            { path: "bank_verified_by_callback", before: false, after: true },
          ],
        },
      ],
      result: { vendor_id: vendor.id, bank_account_last4: newLast4 },
      failure: { code: "validation_failed", message: "ERP rejected the IBAN checksum" },
    };
  },
};

export const createDraftBill: Template = {
  weight: 3,
  build: ({ rng, createdAt }) => {
    const b = bill(rng);
    const due = new Date(createdAt.getTime() + rng.int(10, 30) * DAY);
    return {
      intent: "create_draft_bill",
      title: `Draft bill from emailed invoice ${b.invoice} (${b.vendor.name}, ${money(b.amount, b.vendor.currency)})`,
      summary: `Parsed from the AP inbox; ${b.vendor.what}, ${b.po}.`,
      risk: "low",
      scopes: ["ap:read", "ap:write:draft"],
      inputs: { vendor_id: b.vendor.id, invoice: b.invoice, amount: fixed(b.amount), currency: b.vendor.currency },
      plan: [
        step("Extract invoice fields from the PDF", "ap.extract_invoice", "ap:read", { message_id: `msg_${rng.hex(10)}` }),
        step("Create draft bill", "ap.create_draft_bill", "ap:write:draft", { vendor_id: b.vendor.id, invoice: b.invoice, amount: fixed(b.amount) }),
      ],
      changes: [
        {
          target: { type: "vendor_bill", id: b.billId, label: `${b.vendor.name} ${b.invoice}` },
          fields: [
            { path: "status", before: null, after: "draft" },
            { path: "amount", before: null, after: fixed(b.amount) },
            { path: "due_date", before: null, after: isoDay(due) },
            { path: "po", before: null, after: b.po },
          ],
        },
      ],
      result: { bill_id: b.billId },
      failure: { code: "parse_failed", message: "Could not read the invoice total from the PDF" },
    };
  },
};

export const summarizeAging: Template = {
  weight: 1,
  build: ({ rng, createdAt }) => ({
    intent: "summarize_ap_aging",
    title: `Summarize AP aging as of ${day(createdAt)}`,
    risk: "low",
    scopes: ["ap:read"],
    inputs: { as_of: isoDay(createdAt), buckets: ["current", "1-30", "31-60", "61-90", "90+"] },
    plan: [
      step("Pull open bills", "ap.list_open_bills", "ap:read", { as_of: isoDay(createdAt) }),
      step("Group by vendor and aging bucket", "ap.aging_report", "ap:read", { format: "summary" }),
    ],
    result: { open_bills: rng.int(40, 120), total_open: fixed(rng.between(180_000, 640_000)) },
    failure: { code: "timeout", message: "ERP report timed out after 60s" },
  }),
};

