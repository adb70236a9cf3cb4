// Realistic envelopes for benchmarks: a vendor payment with field and text
// changes, about 1.5 KB of JSON each, varied so no two bodies are the same.
export function benchEnvelope(queue: string, i: number) {
  const amount = (1000 + ((i * 7919) % 90000) / 7).toFixed(2);
  return {
    queue,
    intent: "pay_vendor_bill",
    title: `Pay vendor invoice INV-${100000 + i} ($${amount})`,
    summary: "Invoice matches the purchase order and the goods receipt; due in 3 days.",
    actor: { type: "user", id: `u_${i % 97}`, email: `ops${i % 97}@company.com`, name: "Dana Ops" },
    agent: { model: "gpt-4.1", version: "2026-10-01", run_id: `run_${i}` },
    scopes: ["ap:read", "ap:write:draft", "ap:commit"],
    risk: ["low", "medium", "high", "critical"][i % 4],
    inputs: { vendor_id: `v_${i % 311}`, invoice: `INV-${100000 + i}`, amount, currency: "USD" },
    plan: [
      { title: "Match invoice to PO and receipt", tool: "ap.match_invoice", scope: "ap:read", args: { invoice: `INV-${100000 + i}` } },
      { title: "Create draft payment", tool: "ap.create_draft_payment", scope: "ap:write:draft", args: { bill_id: `bill_${i}`, amount } },
      { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: `pay_draft_${i}` } },
    ],
    changes: [
      {
        target: { type: "vendor_bill", id: `bill_${i}`, label: `Vendor bill INV-${100000 + i}` },
        fields: [
          { path: "status", before: "approved", after: "paid" },
          { path: "paid_amount", before: "0.00", after: amount },
        ],
      },
      {
        target: { type: "email_draft", id: `em_${i}`, label: "Remittance advice" },
        format: "text",
        before: "",
        after: `Hello team,\n\nPayment of $${amount} for invoice INV-${100000 + i} has been released.\n\nRegards,\nAccounts payable`,
      },
    ],
    artifacts: [{ type: "draft_payment", id: `pay_draft_${i}`, url: `https://erp.example/pay/${i}` }],
    trace: { conversation_id: `c_${i}`, tool_call_id: `tc_${i}` },
    expires_at: new Date(Date.now() + 7 * 86400_000).toISOString(),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
