// GET /receipts/export?format=csv|jsonl&<filters>: every matching receipt,
// streamed in chunks so a large audit trail never sits in memory. Any signed-in
// role may export; the same filters as the receipts page apply.
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/base/app-error";
import { apiHandler } from "@/lib/http/respond";
import { logger } from "@/lib/log";
import { DEFAULT_KIND, hasActiveFilters, parseReceiptFilters } from "@/lib/receipts/receipt-filters";
import { latestCheckpointPerSeq } from "@/lib/receipts/checkpoints";
import { iterateReceiptsForExport } from "@/lib/receipts/list-receipts";
import {
  checkpointJsonLine,
  csvHeader,
  exportFileName,
  exportHeaderJsonLine,
  receiptCsvLine,
  receiptJsonLine,
  type ExportFormat,
} from "@/lib/receipts/export-format";

export const dynamic = "force-dynamic";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

export const GET = apiHandler(async (request) => {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "unauthenticated", "Sign in to export receipts.");
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "jsonl") {
    throw new AppError("invalid", "invalid_format", 'format must be "csv" or "jsonl".');
  }
  const filters = parseReceiptFilters(url.searchParams);
  // JSONL carries what offline verification needs: a header saying whether the
  // file is complete, then the signed checkpoints. They are read before the
  // receipts, so every one names a receipt the export will contain.
  const preamble =
    format === "jsonl"
      ? exportHeaderJsonLine({
          complete: filters.kind === "all" && !hasActiveFilters({ ...filters, kind: DEFAULT_KIND }),
          exportedAt: new Date(),
          filters,
        }) +
        (await latestCheckpointPerSeq(Number.MAX_SAFE_INTEGER))
          .map((c) => checkpointJsonLine({ seq: c.seq!, hash: c.hash!, signedAt: c.signedAt!, kid: c.kid!, jws: c.jws }))
          .join("")
      : csvHeader();
  const chunks = iterateReceiptsForExport(user, filters);
  // Read the first chunk before answering, so a failing query still gets a proper error status.
  const first = await chunks.next();
  const encoder = new TextEncoder();
  const encode = (rows: Parameters<typeof receiptCsvLine>[0][]) =>
    encoder.encode(rows.map(format === "csv" ? receiptCsvLine : receiptJsonLine).join(""));

  let pendingFirst: typeof first | null = first;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(preamble));
    },
    async pull(controller) {
      try {
        const next = pendingFirst ?? (await chunks.next());
        pendingFirst = null;
        if (next.done) controller.close();
        else controller.enqueue(encode(next.value));
      } catch (error) {
        logger.error("receipt export failed mid-stream", { error: error instanceof Error ? error.message : String(error) });
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });

  return new Response(body, {
    status: 200,
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${exportFileName(format)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
