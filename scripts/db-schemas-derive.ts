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
  return `// GENERATED from prisma/schema.prisma by scripts/db-schemas.ts: do not edit.\n${out}`;
}
