// The body of POST /api/v1/approval-tokens/verify, also the source of its
// OpenAPI description (lib/api-docs/openapi-document.ts).
import { z } from "zod";

export const VERIFY_BODY_MAX_BYTES = 16 * 1024;

export const verifyRequestBodySchema = z.strictObject({
  token: z.string().min(1).max(8192),
  digest: z.string().min(1).max(200).optional(),
  /** Who is spending the token, for the record (e.g. "erp-payments"). */
  tool: z.string().trim().min(1).max(100).optional(),
});
