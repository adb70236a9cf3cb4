// Reads a small JSON request body (not a proposal envelope) and validates it
// with zod: 400 `invalid_body` with an issue per problem, 413 and 415 as for
// intake. Shared by the API calls that take a small JSON object.
import type { z } from "zod";
import { ApiError, type IssueDetail } from "@/lib/http/api-error";
import { readJsonBody } from "@/lib/http/read-json-body";
import { formatPath } from "@/lib/base/json-path";

export async function readJsonInput<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await readJsonBody(request, maxBytes);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // readJsonBody speaks of envelopes; these bodies are not envelopes.
    if (error.code === "invalid_envelope") {
      const first = (error.details.issues as IssueDetail[] | undefined)?.[0];
      const empty = first?.path === "(body)" && first.message === "is empty";
      throw new ApiError(400, "invalid_body", empty ? "The body is empty; send a JSON object." : error.message, error.details);
    }
    if (error.code === "payload_too_large") throw new ApiError(413, "payload_too_large", `The body is larger than ${maxBytes} bytes.`, { limit_bytes: maxBytes });
    if (error.code === "unsupported_media_type") throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
    throw error;
  }
  const result = schema.safeParse(body);
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
  throw new ApiError(400, "invalid_body", `The body is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}.`, { issues });
}
