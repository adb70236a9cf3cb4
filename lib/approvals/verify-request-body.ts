// The body of POST /api/v1/approval-tokens/verify, also the source of its
// OpenAPI description (lib/api-docs/openapi-document.ts).
import { z } from "zod";

export const VERIFY_BODY_MAX_BYTES = 16 * 1024;

// The redeeming tool is the one whose key authenticated the call, never a body field.
export const verifyRequestBodySchema = z.strictObject({
  token: z.string().min(1).max(8192),
  digest: z.string().min(1).max(200).optional(),
});
