import "server-only";
// A table's name for raw SQL on either database: quoted (Prisma's model names
// are mixed case) and, on PostgreSQL with a `?schema=` in DATABASE_URL, in
// that schema (the tests give each file its own).
import { tableIn } from "@/lib/base/database-url";
import { databaseTarget } from "@/lib/db/client";

export function qualifiedTable(table: string): string {
  return tableIn(databaseTarget, table);
}
