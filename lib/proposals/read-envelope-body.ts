// Intake's phrasing of lib/http/read-json.ts: the same checks, told to an agent
// sending a proposal envelope (code invalid_envelope, the 1 MiB hint). It lives
// with intake because only intake speaks of envelopes; lib/http stays generic.
import { AppError } from "@/lib/base/app-error";
import { isReadJsonError, readJson } from "@/lib/http/read-json";

export async function readEnvelopeBody(request: Request, maxBytes: number): Promise<unknown> {
  try {
    return await readJson(request, maxBytes);
  } catch (error) {
    if (!isReadJsonError(error)) throw error;
    switch (error.code) {
      case "unsupported_media_type":
        // A refused charset keeps the reader's words: they say which charset and what is accepted.
        if (error.details?.charset !== undefined) throw error;
        throw new AppError(error.kind, error.code, "Send the proposal as JSON with `Content-Type: application/json`.");
      case "payload_too_large":
        throw new AppError(error.kind, error.code, `The body is larger than ${maxBytes} bytes (1 MiB); send large inputs as artifacts (links).`, error.details);
      case "empty_body":
        throw new AppError(error.kind, "invalid_envelope", "The body is empty; send the proposal envelope as a JSON object.", error.details);
      case "invalid_json":
        throw new AppError(error.kind, "invalid_envelope", error.message, error.details);
    }
  }
}
