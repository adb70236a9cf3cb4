// Reads a JSON request body with a hard size cap, without trusting
// Content-Length alone (a chunked body has none), and refuses a body whose
// shape would break what comes after (see json-limits.ts) with a 400.
import { ApiError } from "@/lib/http/api-error";
import { jsonTextDepth, jsonValueIssues, MAX_JSON_DEPTH } from "@/lib/http/json-limits";

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the proposal as JSON with `Content-Type: application/json`.");
  }
  const tooLarge = () =>
    new ApiError(413, "payload_too_large", `The body is larger than ${maxBytes} bytes (1 MiB); send large inputs as artifacts (links).`, {
      limit_bytes: maxBytes,
    });
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    // Fatal: bytes that are not UTF-8 would otherwise turn silently into U+FFFD,
    // and the stored text would not be what the agent sent (nor its digest).
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, "invalid_envelope", "The body is not valid UTF-8.", {
      issues: [{ path: "(body)", message: "contains bytes that are not UTF-8" }],
    });
  }
  if (text.trim() === "") {
    throw new ApiError(400, "invalid_envelope", "The body is empty; send the proposal envelope as a JSON object.", {
      issues: [{ path: "(body)", message: "is empty" }],
    });
  }
  // Before parsing: everything after JSON.parse recurses, and a deep enough body overflows the stack.
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) {
    throw new ApiError(400, "invalid_envelope", `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`, {
      issues: [{ path: "(body)", message: `is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` }],
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, "invalid_envelope", "The body is not valid JSON.", {
      issues: [{ path: "(body)", message: (error as Error).message }],
    });
  }
  const issues = jsonValueIssues(body);
  if (issues.length > 0) {
    throw new ApiError(400, "invalid_envelope", `The body cannot be accepted: ${issues[0]!.path} ${issues[0]!.message}.`, { issues });
  }
  return body;
}
