// Reads a small JSON request body (not a proposal envelope) and validates it
// with zod: 400 `invalid_body` with an issue per problem, 413 and 415 as for
// intake. Shared by the API calls that take a small JSON object.
import type { z } from "zod";
import { AppError } from "@/lib/base/app-error";
import type { IssueDetail } from "@/lib/base/json-path";
import { issueDetails } from "@/lib/base/zod-issues";
import { isReadJsonError, readJson } from "@/lib/http/read-json";

export async function readJsonInput<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await readJson(request, maxBytes);
  } catch (error) {
    // The reader's own words fit a small body; only its 400 codes become this API's invalid_body.
    if (isReadJsonError(error) && (error.code === "empty_body" || error.code === "invalid_json")) {
      throw new AppError(error.kind, "invalid_body", error.message, error.details);
    }
    throw error;
  }
  const result = schema.safeParse(body, { reportInput: true }); // zod-issues.ts says why
  if (result.success) return result.data;
  throw invalidBodyError(issueDetails(result.error.issues));
}

/** The 400 of a body with these problems; also for checks made after the schema (a callback's DNS). */
export function invalidBodyError(issues: IssueDetail[]): AppError {
  return new AppError("invalid", "invalid_body", `The body is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}.`, { issues });
}
