import { describe, expect, it } from "vitest";
import type { DecideResult } from "@/lib/proposals/decide-proposals";
import type { QueueRow } from "@/lib/proposals/list-queue";
import { applyDecision, decisionNotice } from "./reconcile-decision";

function row(id: string, required = 1): QueueRow {
  return {
    id,
    title: `Proposal ${id}`,
    intent: "pay",
    status: "pending",
    tier: "commit",
    risk: "high",
    queue: { slug: "ap", name: "AP" },
    agent: { name: "bot", model: null },
    actor: { name: null, email: null, id: "u" },
    createdAt: "2026-01-01T00:00:00.000Z",
    expiresAt: null,
    version: 1,
    approvals: { count: 0, required },
    secondApprover: null,
    executionFlag: null,
  };
}

const data = { pages: [{ rows: [row("a"), row("b", 2), row("c")], nextCursor: null }], pageParams: [null] };
const result = {
  batchId: "batch",
  outcome: "approved",
  decided: [{ id: "a" }],
  recorded: [{ id: "b", title: "Proposal b", approvals: 1, required: 2 }],
  skipped: [{ id: "c", title: "Proposal c", reason: "changed", message: "It changed since you saw it." }],
} as unknown as DecideResult;

describe("applyDecision", () => {
  it("drops decided rows from a pending view, updates recorded votes and keeps skipped rows", () => {
    const rows = applyDecision(data, result, "pending").pages[0]!.rows;
    expect(rows.map((r) => r.id)).toEqual(["b", "c"]);
    expect(rows[0]!.approvals).toEqual({ count: 1, required: 2 });
    expect(rows[1]).toEqual(data.pages[0]!.rows[2]);
  });

  it("keeps decided rows in the 'all' view with their new status and count", () => {
    const rows = applyDecision(data, result, "all").pages[0]!.rows;
    expect(rows[0]).toMatchObject({ id: "a", status: "approved", approvals: { count: 1, required: 1 } });
  });
});

describe("decisionNotice", () => {
  it("says what was decided, recorded and skipped, per item", () => {
    expect(decisionNotice(result)).toEqual({
      tone: "warning",
      text: "Approved 1 proposal. Your approval was recorded on 1 proposal that needs more approvers. 1 not decided.",
      details: ["Proposal b: 1 of 2 approvals.", "Proposal c: It changed since you saw it."],
    });
  });
});
