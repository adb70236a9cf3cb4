// Test fixtures that go through the real code paths (no Prisma mocks). Every
// fixture uses fresh unique names, so test files can share one database.
import { randomUUID } from "node:crypto";
import { createAgent } from "@/lib/agents/create-agent";
import { createQueue } from "@/lib/queues/create-queue";
import { domainOfScope } from "@/lib/queues/queue-domains";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { createUser } from "@/lib/users/create-user";
import type { Envelope } from "@/lib/proposals/envelope";

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createTestWorld(scopes = ["ap:read", "ap:write:draft", "ap:commit"]) {
  const sponsor = await createUser({ email: `${uniqueName("sponsor")}@example.com`, name: "Test Sponsor", role: "approver" });
  // The queue governs the domains of the agent's grant, so its proposals are accepted.
  const domains = [...new Set(scopes.map((s) => domainOfScope(s) ?? "ap"))];
  const queue = await createQueue(CLI_CALLER, { slug: uniqueName("queue"), name: "Test queue", domains });
  const agent = await createAgent({ name: uniqueName("agent"), sponsorEmail: sponsor.email, scopes });
  return { sponsor, queue, agent, apiKey: agent.apiKey };
}

export function sampleEnvelope(queue: string, overrides: Partial<Envelope> = {}): Envelope {
  return {
    queue,
    intent: "pay_vendor_bill",
    title: "Pay Acme Corp invoice INV-2291 ($12,480.00)",
    summary: "Invoice matches PO-7731 and the goods receipt; due in 3 days.",
    actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Dana Ops" },
    agent: { model: "gpt-4.1", version: "2026-10-01", run_id: "run_88f" },
    scopes: ["ap:read", "ap:write:draft", "ap:commit"],
    risk: "high",
    inputs: { vendor_id: "v_456", invoice: "INV-2291", amount: "12480.00", currency: "USD" },
    plan: [
      { title: "Match invoice to PO and receipt", tool: "ap.match_invoice", scope: "ap:read", args: { invoice: "INV-2291" } },
      { title: "Create draft payment", tool: "ap.create_draft_payment", scope: "ap:write:draft", args: { bill_id: "bill_789", amount: "12480.00" } },
      { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_draft_12" } },
    ],
    changes: [
      {
        target: { type: "vendor_bill", id: "bill_789", label: "Acme Corp INV-2291" },
        fields: [
          { path: "status", before: "approved", after: "paid" },
          { path: "paid_amount", before: "0.00", after: "12480.00" },
        ],
      },
      { target: { type: "email_draft", id: "em_5", label: "Remittance advice to Acme" }, format: "text", before: "", after: "Hello Acme team,\nPayment of $12,480.00 ..." },
    ],
    artifacts: [{ type: "draft_payment", id: "pay_draft_12", url: "https://erp.example/pay/12" }],
    trace: { conversation_id: "c_abc", tool_call_id: "tc_def" },
    expires_at: new Date(Date.now() + 7 * 86400_000).toISOString(),
    ...overrides,
  };
}
