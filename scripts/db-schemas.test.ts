import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "./db-schemas-derive.ts";

describe("one schema, two databases", () => {
  it("the committed PostgreSQL schema is derived from prisma/schema.prisma (run npm run db:generate)", () => {
    const derived = derivePostgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
    expect(readFileSync("prisma/postgresql/schema.prisma", "utf8")).toBe(derived);
    expect(derived).toContain('provider = "postgresql"');
  });
});
