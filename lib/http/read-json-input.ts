// Reads a small JSON request body (not a proposal envelope) and validates it
// with zod: 400 `invalid_body` with an issue per problem, 413 and 415 as for
// intake. Shared by the API calls that take a small JSON object.
import type { z } from "zod";
import { AppError } from "@/lib/base/app-error";
import { formatPath, type IssueDetail } from "@/lib/base/json-path";
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
  // reportInput: Zod 4 keeps an issue's input only when asked, and "missing" (no input) must be
  // told apart from "there, but of the wrong type"; the input itself is never sent back.
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const issues: IssueDetail[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key]), message: "is not a known field" });
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      issues.push({ path: formatPath(issue.path), message: "is required" });
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  throw invalidBodyError(issues);
}

/** The 400 of a body with these problems; also for checks made after the schema (a callback's DNS). */
export function invalidBodyError(issues: IssueDetail[]): AppError {
  return new AppError("invalid", "invalid_body", `The body is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}.`, { issues });
}
