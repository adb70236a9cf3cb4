// GET /.well-known/jwks.json: the public half of the server's signing key (and
// any retired keys still trusted), so anyone can check receipt-chain
// checkpoints and approval tokens without trusting the database. Public.
import { apiHandler, json } from "@/lib/http/respond";
import { publicJwks } from "@/lib/signing/signing-key";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async () =>
  // Keys change rarely (rotation); a short cache spares verifiers a fetch per check.
  json(await publicJwks(), 200, { "content-type": "application/jwk-set+json; charset=utf-8", "cache-control": "public, max-age=300" }),
);
