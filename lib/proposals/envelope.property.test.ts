// Property tests over the body reader and the envelope parser: whatever an
// agent sends, the answer is an envelope or a 4xx naming a problem, never an
// exception (a 500). What is accepted is stored exactly as it was hashed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/base/app-error";
import { readEnvelopeBody } from "@/lib/proposals/read-envelope-body";
import { canonicalJson, digestOf } from "@/lib/base/canonical-json";
import { MAX_BODY_BYTES, validateEnvelope } from "@/lib/proposals/envelope";
import { sampleEnvelope } from "@/test-support/fixtures";
import { describeBody, FUZZ_SEED, hostileBody } from "@/test-support/hostile-json";

const RUNS = 10_000;
const base = JSON.parse(JSON.stringify(sampleEnvelope("accounts-payable")));

async function readAndValidate(body: string | Uint8Array) {
  const request = new Request("http://countersign.test/api/v1/proposals", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body as BodyInit,
  });
  let parsed: unknown;
  try {
    parsed = await readEnvelopeBody(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof AppError && error.httpStatus >= 400 && error.httpStatus < 500) return { refused: error } as const;
    throw error;
  }
  return { refused: null, parsed, result: validateEnvelope(parsed) } as const;
}

describe("envelope parser, property-based", () => {
  it(`answers ${RUNS} hostile bodies with an envelope or a 4xx naming a path, and stores what it hashes`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(hostileBody(base), async (body) => {
        const outcome = await readAndValidate(body);
        if (outcome.refused) {
          const issues = outcome.refused.details.issues as { path: string; message: string }[] | undefined;
          if (outcome.refused.httpStatus === 400) expect(issues?.[0]?.path, describeBody(body)).toBeTruthy();
          return;
        }
        const { parsed, result } = outcome;
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(typeof issue.path).toBe("string");
          return;
        }
        accepted++;
        // Hashing works, and the plan, inputs and changes that would be stored are the ones hashed.
        expect(digestOf(parsed)).toMatch(/^[0-9a-f]{64}$/);
        const raw = parsed as Record<string, unknown>;
        for (const part of ["plan", "inputs", "changes", "artifacts", "trace"] as const) {
          if (raw[part] === undefined) continue;
          expect(canonicalJson(JSON.parse(JSON.stringify(result.envelope[part]))), part).toBe(canonicalJson(raw[part]));
        }
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
    // The generator reaches the accepting path too, not only refusals.
    expect(accepted).toBeGreaterThan(100);
  }, 120_000);
});
