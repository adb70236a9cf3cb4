// The agent API's OpenAPI 3.1 description, public on purpose (like any API's
// published spec): it describes, it grants nothing. Limited per address.
import { openApiDocument } from "@/lib/api-docs/openapi-document";
import { addressKey, takeRateLimit } from "@/lib/http/agent-rate-limits";
import { apiHandler, json } from "@/lib/http/respond";

export const GET = apiHandler(async (request: Request) => {
  takeRateLimit("openapi", addressKey(request));
  return json(openApiDocument(), 200, { "cache-control": "public, max-age=300" });
});
