// The derivation itself, shared by scripts/db-schemas.ts and its test.
const SOURCE = "prisma/schema.prisma";

export function derivePostgresSchema(source: string): string {
  const out = source
    .replace('output       = "../generated/sqlite"', 'output       = "../../generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(/url\s+=\s+"file:[^"]*"/, 'url      = env("DATABASE_URL")');
  if (out === source || !out.includes('"postgresql"') || !out.includes("generated/postgresql")) {
    throw new Error(`${SOURCE}: expected the sqlite provider and ../generated/sqlite output lines`);
  }
  return `// GENERATED from prisma/schema.prisma by scripts/db-schemas.ts: do not edit.\n${withPostgresTypes(out)}`;
}

/**
 * Columns whose PostgreSQL type is not Prisma's default for their field type (SQLite's schema
 * cannot name native types). The receipts' actor and payload are `json`, not `jsonb`: json keeps
 * the text the chain writer sends (canonical JSON, what the hash covers), so the verifier hashes
 * the stored text as it reads back instead of rebuilding it from jsonb's own form
 * (migration receipt_json_text; docs/benchmarks.md, "Verifying a million on PostgreSQL").
 */
const POSTGRES_TYPES = [
  { model: "Receipt", field: "actor", type: "Json", native: "@db.Json" },
  { model: "Receipt", field: "payload", type: "Json", native: "@db.Json" },
];

function withPostgresTypes(schema: string): string {
  let out = schema;
  for (const { model, field, type, native } of POSTGRES_TYPES) {
    const block = new RegExp(`(\\nmodel ${model} \\{[^}]*?\\n\\s+${field}\\s+${type})(\\n)`);
    if (!block.test(out)) throw new Error(`${SOURCE}: expected the field ${model}.${field} of type ${type}`);
    out = out.replace(block, `$1 ${native}$2`);
  }
  return out;
}
