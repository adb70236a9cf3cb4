// Reads a JSON request body with a hard size cap, without trusting
// Content-Length alone (a chunked body has none).
import { ApiError } from "@/lib/http/api-error";

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
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === "") {
    throw new ApiError(400, "invalid_envelope", "The body is empty; send the proposal envelope as a JSON object.", {
      issues: [{ path: "(body)", message: "is empty" }],
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, "invalid_envelope", "The body is not valid JSON.", {
      issues: [{ path: "(body)", message: (error as Error).message }],
    });
  }
}
