import { describe, expect, it } from "vitest";
import { analyzeGroup, differingColumns, numericOutliers, sameValues, valuesOf, type GroupSource } from "@/lib/proposals/look-alike-columns";

function bill(vendor: string, invoice: string, amount: string): GroupSource {
  return {
    inputs: { vendor_id: vendor, invoice, amount, currency: "USD" },
    plan: [
      { args: { invoice } },
      { args: { amount, currency: "USD" } },
    ],
    changes: [{ target: { type: "vendor_bill", id: `bill_${invoice}` }, fields: [{ path: "status", before: "approved", after: "paid" }, { path: "paid_amount", before: "0.00", after: amount }] }],
  };
}

describe("valuesOf", () => {
  it("flattens inputs, plan arguments and changes (the after value) into readable paths", () => {
    const v = valuesOf(bill("v_1", "INV-1", "10.00"));
    expect(v.get("inputs.vendor_id")).toBe("v_1");
    expect(v.get("plan[1].args.amount")).toBe("10.00");
    expect(v.get("changes[0].paid_amount")).toBe("10.00");
    expect(v.get("changes[0].target.id")).toBe("bill_INV-1");
  });
  it("keeps a list as one value and a text change as its text", () => {
    const v = valuesOf({ inputs: { to: ["a@x", "b@x"] }, plan: [], changes: [{ target: { type: "email", id: "e" }, format: "text", before: "", after: "Hi" }] });
    expect(v.get("inputs.to")).toBe('["a@x","b@x"]');
    expect(v.get("changes[0].text")).toBe("Hi");
  });
});

describe("differingColumns", () => {
  const items = [bill("v_1", "INV-1", "10.00"), bill("v_2", "INV-2", "12.00"), bill("v_1", "INV-3", "11.00")].map(valuesOf);
  it("lists only the paths whose values differ, merging paths with identical values", () => {
    const columns = differingColumns(items);
    expect(columns.map((c) => c.label)).toEqual(["vendor_id", "amount", "invoice", "id"]);
    const amount = columns.find((c) => c.label === "amount")!;
    expect(amount.paths).toEqual(["inputs.amount", "plan[1].args.amount", "changes[0].paid_amount"]);
    expect(amount.numeric).toBe(true);
    expect(columns.find((c) => c.label === "vendor_id")).toMatchObject({ numeric: false, party: true });
    expect(columns.find((c) => c.label === "invoice")!.paths).toEqual(["inputs.invoice", "plan[0].args.invoice"]);
  });
  it("shows the same values once", () => {
    const same = sameValues(items);
    expect(same.get("inputs.currency")).toBe("USD");
    expect(same.get("changes[0].status")).toBe("paid");
    expect(same.has("inputs.amount")).toBe(false);
  });
  it("a path missing in some items differs", () => {
    const a = valuesOf({ inputs: { memo: "x" }, plan: [] });
    const b = valuesOf({ inputs: {}, plan: [] });
    expect(differingColumns([a, b]).map((c) => c.key)).toEqual(["inputs.memo"]);
  });
});

describe("numericOutliers", () => {
  it("marks a value far above the others (more than 3× the median)", () => {
    expect(numericOutliers([100, 120, 110, 95, 480])).toEqual([false, false, false, false, true]);
    // A wide spread (robust z-score of 350 is 3.4): only the 3× rule marks it.
    expect(numericOutliers([10, 50, 100, 150, 350])).toEqual([false, false, false, false, true]);
  });
  it("marks a value far from a tight group by robust z-score, below as well as above", () => {
    expect(numericOutliers([1000, 1010, 990, 1005, 995, 400])).toEqual([false, false, false, false, false, true]);
  });
  it("marks nothing in an ordinary spread, or with fewer than three numbers", () => {
    expect(numericOutliers([100, 140, 90, 160, 120]).some(Boolean)).toBe(false);
    expect(numericOutliers([1, 1000])).toEqual([false, false]);
    expect(numericOutliers([5, 5, 5, null])).toEqual([false, false, false, false]);
  });
});

describe("analyzeGroup", () => {
  it("builds one row per item with cells per differing column, outliers and first-time parties marked", () => {
    const sources = [bill("v_1", "INV-1", "1000.00"), bill("v_1", "INV-2", "1100.00"), bill("v_2", "INV-3", "900.00"), bill("v_new", "INV-4", "9000.00")];
    const seen = new Map([["inputs.vendor_id", new Set(["v_1", "v_2"])]]);
    const { columns, rows } = analyzeGroup(sources.map((s, i) => ({ id: `p${i}`, values: valuesOf(s) })), seen);
    const amount = columns.find((c) => c.label === "amount")!.key;
    const vendor = columns.find((c) => c.label === "vendor_id")!.key;
    expect(rows.map((r) => r.id)).toEqual(["p0", "p1", "p2", "p3"]);
    expect(rows.map((r) => r.cells[amount]!.outlier)).toEqual([false, false, false, true]);
    expect(rows.map((r) => r.cells[amount]!.number)).toEqual([1000, 1100, 900, 9000]);
    expect(rows.map((r) => r.cells[vendor]!.firstTime)).toEqual([false, false, false, true]);
    // Not a party column: never marked first-time.
    const invoice = columns.find((c) => c.label === "invoice")!.key;
    expect(rows.some((r) => r.cells[invoice]!.firstTime)).toBe(false);
  });
});
