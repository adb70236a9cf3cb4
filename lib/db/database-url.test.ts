import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "@/lib/base/database-url";
import { parseEnv } from "@/lib/env";

describe("parseDatabaseUrl", () => {
  it("defaults to the SQLite file under data/", () => {
    expect(parseDatabaseUrl(undefined, "/srv/app")).toEqual({ provider: "sqlite", file: "/srv/app/data/countersign.db" });
  });
  it("reads postgresql URLs into pool fields", () => {
    expect(parseDatabaseUrl("postgresql://u:p%40ss@db:5433/cs?schema=x")).toMatchObject({
      provider: "postgresql", host: "db", port: 5433, user: "u", password: "p@ss", database: "cs", schema: "x",
    });
  });
  it("refuses other URLs with a message naming the setting", () => {
    expect(() => parseDatabaseUrl("mysql://x/y")).toThrow(/DATABASE_URL/);
    expect(() => parseDatabaseUrl("postgresql://host")).toThrow(/database name/);
  });
});

describe("parseEnv", () => {
  it("names every bad setting", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PUBLIC_URL: "nope", RATE_LIMIT_PER_MINUTE: "-1" })).toThrow(
      /DATABASE_URL[\s\S]*PUBLIC_URL[\s\S]*RATE_LIMIT_PER_MINUTE|DATABASE_URL[\s\S]*RATE_LIMIT/,
    );
  });
  it("has working defaults", () => {
    expect(parseEnv({})).toMatchObject({ DATABASE_URL: "file:./data/countersign.db", PUBLIC_URL: "http://localhost:3000" });
  });
});
