import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvCell, csvHeader, csvLine, exportFileName, receiptCsvLine, receiptJsonLine, type ExportReceipt } from "@/lib/receipts/export-format";
import { dayRange, isDay } from "@/lib/base/time-range";
import { UNREADABLE_NOTE } from "@/lib/receipts/readable-json";
import { parseReceiptCursor, parseReceiptFilters, receiptFiltersToSearch } from "@/lib/receipts/receipt-filters";

/** A small RFC 4180 reader, to check that what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") record.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") record.push(cell), records.push(record), (record = []), (cell = ""), i++;
    else cell += c;
  }
  return records;
}

const receipt: ExportReceipt = {
  seq: 42,
  id: "rc_1",
  createdAt: new Date("2026-03-01T10:20:30.000Z"),
  kind: "rejected",
  actorType: "user",
  actorId: "u_1",
  actor: { type: "user", id: "u_1", email: "dana@example.com", name: 'Dana "DJ" Ops, CISO', role: "approver", auth_method: "oidc" },
  proposalId: "p_1",
  proposal: { title: "=HYPERLINK(\"http://evil\",\"click\")", queue: { slug: "accounts-payable", name: "Accounts payable" }, agent: "ap-bot" },
  agent: "ap-bot",
  digest: "ab".repeat(32),
  reason: "Line one,\nline two\r\n-and three",
  batchId: "b-1",
  payload: { outcome: "rejected", nested: { a: [1, 2] } },
  prevHash: null,
  hash: null,
};

describe("csvCell", () => {
  it("leaves plain text alone and writes null as empty", () => {
    expect(csvCell("approved")).toBe("approved");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("one\ntwo")).toBe('"one\ntwo"');
    expect(csvCell("one\r\ntwo")).toBe('"one\r\ntwo"');
  });

  it("defuses spreadsheet formulas with a leading single quote", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("ends records with CRLF", () => {
    expect(csvLine(["a", null, 3])).toBe("a,,3\r\n");
  });
});

describe("receipt CSV and JSONL", () => {
  it("writes the header and a receipt that reads back cell for cell", () => {
    expect(csvHeader()).toBe(
      "seq,id,created_at,kind,actor_type,actor_id,actor_email,actor_name,actor_role,auth_method,proposal_id,proposal_title,queue,agent,digest,reason,batch_id\r\n",
    );
    const [header, row] = parseCsv(csvHeader() + receiptCsvLine(receipt));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(Object.fromEntries(header!.map((h, i) => [h, row![i]]))).toEqual({
      seq: "42",
      id: "rc_1",
      created_at: "2026-03-01T10:20:30.000Z",
      kind: "rejected",
      actor_type: "user",
      actor_id: "u_1",
      actor_email: "dana@example.com",
      actor_name: 'Dana "DJ" Ops, CISO',
      actor_role: "approver",
      auth_method: "oidc",
      proposal_id: "p_1",
      proposal_title: `'=HYPERLINK("http://evil","click")`,
      queue: "accounts-payable",
      agent: "ap-bot",
      digest: "ab".repeat(32),
      reason: "Line one,\nline two\r\n-and three",
      batch_id: "b-1",
    });
  });

  it("writes receipts without a proposal or person as empty cells", () => {
    const line = receiptCsvLine({ ...receipt, actorType: "system", actorId: "cli", actor: { type: "system", id: "cli", name: "Command line" }, proposalId: null, proposal: null, reason: null, batchId: null });
    expect(parseCsv(line)[0]).toEqual(["42", "rc_1", "2026-03-01T10:20:30.000Z", "rejected", "system", "cli", "", "Command line", "", "", "", "", "", "ap-bot", "ab".repeat(32), "", ""]);
  });

  it("writes one JSON object per line with the payload and the full actor snapshot", () => {
    const line = receiptJsonLine(receipt);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      seq: 42,
      id: "rc_1",
      created_at: "2026-03-01T10:20:30.000Z",
      kind: "rejected",
      actor_type: "user",
      actor_id: "u_1",
      actor: receipt.actor,
      proposal_id: "p_1",
      proposal: { title: receipt.proposal!.title, queue: "accounts-payable", queue_name: "Accounts payable", agent: "ap-bot" },
      agent: "ap-bot",
      digest: "ab".repeat(32),
      reason: "Line one,\nline two\r\n-and three",
      batch_id: "b-1",
      payload: { outcome: "rejected", nested: { a: [1, 2] } },
      prev_hash: null,
      hash: null,
    });
  });

  it("writes a payload or actor nested too deep to serialize (planted in the database) as unreadable, not a failed export", () => {
    const deep = JSON.parse("[".repeat(200_000) + "]".repeat(200_000)) as unknown;
    const line = JSON.parse(receiptJsonLine({ ...receipt, payload: deep, actor: { type: "user", id: deep } }));
    expect(line.payload).toEqual({ unreadable: UNREADABLE_NOTE });
    expect(line.actor).toEqual({ unreadable: UNREADABLE_NOTE });
    expect(UNREADABLE_NOTE).toMatch(/nested deeper than 256 levels/);
    expect(parseCsv(receiptCsvLine({ ...receipt, payload: deep }))[0]![1]).toBe("rc_1");
  });

  it("names the file by UTC day", () => {
    expect(exportFileName("csv", new Date("2026-03-01T23:30:00Z"))).toBe("countersign-receipts-2026-03-01.csv");
    expect(exportFileName("jsonl", new Date("2026-03-01T23:30:00Z"))).toBe("countersign-receipts-2026-03-01.jsonl");
  });
});

describe("receipt filters", () => {
  it("defaults to everything but 'proposed' and falls back on unknown values", () => {
    expect(parseReceiptFilters({})).toEqual({ kind: "events" });
    expect(parseReceiptFilters({ kind: "bogus", from: "yesterday", to: "2026-02-30", batch: "x y", agent: "" })).toEqual({ kind: "events" });
    expect(parseReceiptFilters(new URLSearchParams("kind=rejected&from=2026-01-01&to=2026-01-31&queue=ap&batch=abc-1&decider=a@b.co"))).toEqual({
      kind: "rejected",
      from: "2026-01-01",
      to: "2026-01-31",
      queue: "ap",
      batch: "abc-1",
      decider: "a@b.co",
    });
    expect(parseReceiptFilters({ kind: ["approved", "rejected"] }).kind).toBe("approved");
  });

  it("checks calendar days and makes the range inclusive in UTC", () => {
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2025-02-29")).toBe(false);
    expect(isDay("2025-1-01")).toBe(false);
    expect(dayRange({ from: "2026-01-01", to: "2026-01-31" })).toEqual({ gte: new Date("2026-01-01T00:00:00Z"), lt: new Date("2026-02-01T00:00:00Z") });
    expect(dayRange({})).toBeNull();
  });

  it("parses the cursor and writes filters back to a URL without defaults", () => {
    expect(parseReceiptCursor({ cursor: "120" })).toBe(120);
    expect(parseReceiptCursor({ cursor: "-1" })).toBeNull();
    expect(parseReceiptCursor({ cursor: "1e3" })).toBeNull();
    expect(parseReceiptCursor({})).toBeNull();
    expect(receiptFiltersToSearch({ kind: "events" })).toBe("");
    expect(receiptFiltersToSearch({ kind: "all", agent: "ap bot" }, { cursor: "5" })).toBe("?kind=all&agent=ap+bot&cursor=5");
  });
});
