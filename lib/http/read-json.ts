// Reads a JSON request body with a hard size cap, without trusting
// Content-Length alone (a chunked body has none), and refuses a body whose
// shape would break what comes after (lib/base/json-limits.ts). Generic: it
// names no kind of body. Its errors carry codes a caller phrases for its own
// readers (read-json-input.ts for small bodies, lib/proposals/read-envelope-body.ts for intake):
//   unsupported_media_type (415; details.charset when a charset other than UTF-8
//   is declared, json-content-type.ts), payload_too_large (413, details.limit_bytes),
//   empty_body and invalid_json (400, details.issues).
import { AppError } from "@/lib/base/app-error";
import { jsonTextDepth, jsonValueIssues, MAX_JSON_DEPTH } from "@/lib/base/json-limits";
import { ACCEPTED_JSON_CONTENT_TYPES, jsonContentTypeProblem } from "@/lib/http/json-content-type";
import { takeNodeBody } from "@/lib/http/node-request-body";

export const READ_JSON_CODES = ["unsupported_media_type", "payload_too_large", "empty_body", "invalid_json"] as const;
export type ReadJsonCode = (typeof READ_JSON_CODES)[number];

export function isReadJsonError(error: unknown): error is AppError & { code: ReadJsonCode } {
  return error instanceof AppError && (READ_JSON_CODES as readonly string[]).includes(error.code);
}

function invalid(message: string, issue: string): AppError {
  return new AppError("invalid", "invalid_json", message, { issues: [{ path: "(body)", message: issue }] });
}

export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const typeProblem = jsonContentTypeProblem(request.headers.get("content-type"));
  if (typeProblem?.kind === "not_json") {
    throw new AppError("unsupported_media", "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  }
  if (typeProblem?.kind === "charset") {
    const got = JSON.stringify(typeProblem.charset.slice(0, 40));
    throw new AppError("unsupported_media", "unsupported_media_type", `JSON bodies are read as UTF-8 only (RFC 8259); charset ${got} is not accepted. Send the body in UTF-8 with ${ACCEPTED_JSON_CONTENT_TYPES}.`, {
      charset: typeProblem.charset.slice(0, 40),
      accepted: ["application/json", "application/json; charset=utf-8"],
    });
  }
  const tooLarge = () => new AppError("too_large", "payload_too_large", `The body is larger than ${maxBytes} bytes.`, { limit_bytes: maxBytes });
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

  const nodeBody = takeNodeBody(request);
  const bytes = nodeBody ? await nodeBody(maxBytes) : await readWebBody(request, maxBytes);
  if (bytes === null) throw tooLarge();
  let text: string;
  try {
    // Fatal: bytes that are not UTF-8 would otherwise turn silently into U+FFFD,
    // and the stored text would not be what the client sent (nor its digest).
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalid("The body is not valid UTF-8.", "contains bytes that are not UTF-8");
  }
  if (text.trim() === "") {
    throw new AppError("invalid", "empty_body", "The body is empty; send a JSON object.", { issues: [{ path: "(body)", message: "is empty" }] });
  }
  // Before parsing: everything after JSON.parse recurses, and a deep enough body overflows the stack.
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) {
    throw invalid(`The body is nested deeper than ${MAX_JSON_DEPTH} levels.`, `is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw invalid("The body is not valid JSON.", (error as Error).message);
  }
  const issues = jsonValueIssues(body);
  if (issues.length > 0) {
    throw new AppError("invalid", "invalid_json", `The body cannot be accepted: ${issues[0]!.path} ${issues[0]!.message}.`, { issues });
  }
  return body;
}

/** A web Request's body (Next.js's pipeline, tests), or null past maxBytes (the stream is cancelled). */
async function readWebBody(request: Request, maxBytes: number): Promise<Buffer | null> {
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
        return null;
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}
