// The small JSON bodies of the agent API (execution report, webhook
// registration) through their real readers: 10,000 hostile bodies each get a
// value or a 4xx naming a path, never an exception (which would be a 500).
// The same bodies go through the route handlers in app/api/v1/malformed-input.db.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/base/app-error";
import { readJsonInput } from "@/lib/http/read-json-input";
import { executionReportSchema, MAX_RESULT_BYTES } from "@/lib/executions/report-execution";
import { readRegistrationUrl } from "@/lib/webhooks/registration-body";
import { describeBody, FUZZ_SEED, hostileBody, type HostileBody } from "@/test-support/hostile-json";

const RUNS = 10_000;

function request(body: HostileBody): Request {
  return new Request("http://countersign.test/api/v1/x", { method: "POST", headers: { "content-type": "application/json" }, body: body as BodyInit });
}

async function neverThrowsUnexpectedly(base: unknown, read: (request: Request) => Promise<unknown>) {
  await fc.assert(
    fc.asyncProperty(hostileBody(base), async (body) => {
      try {
        await read(request(body));
      } catch (error) {
        expect(error, describeBody(body)).toBeInstanceOf(AppError);
        const apiError = error as AppError;
        expect(apiError.httpStatus, describeBody(body)).toBeGreaterThanOrEqual(400);
        expect(apiError.httpStatus, describeBody(body)).toBeLessThan(500);
        if (apiError.httpStatus === 400) expect((apiError.details.issues as { path: string }[])[0]!.path).toBeTruthy();
      }
    }),
    { seed: FUZZ_SEED, numRuns: RUNS },
  );
}

describe("small bodies, property-based", () => {
  it(`execution report: ${RUNS} hostile bodies`, async () => {
    const base = { outcome: "executed", digest: "a".repeat(64), result: { payment_id: "pay_1", lines: ["a", "b"] } };
    await neverThrowsUnexpectedly(base, (r) => readJsonInput(r, executionReportSchema, MAX_RESULT_BYTES + 4096));
  }, 120_000);

  it(`webhook registration: ${RUNS} hostile bodies`, async () => {
    await neverThrowsUnexpectedly({ url: "https://agent.example/hooks/countersign" }, readRegistrationUrl);
  }, 120_000);
});
