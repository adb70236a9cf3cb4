// The migration that adds Queue.domains fills them in place: each existing
// queue governs the domains of the proposals it already holds, so an upgrade
// refuses nothing that worked before. Played on a scratch database (a SQLite
// file, or a PostgreSQL schema in the test database): every migration before
// it, proposals in queues, then the migration itself.
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "@/lib/base/database-url";

const MIGRATION = "_add_queue_domains";
const target = parseDatabaseUrl(process.env.DATABASE_URL);
const dir = path.join("prisma", target.provider === "sqlite" ? "sqlite" : "postgresql", "migrations");
const folders = readdirSync(dir).filter((f) => /^\d{14}_/.test(f)).sort();
const index = folders.findIndex((f) => f.endsWith(MIGRATION));
const sqlOf = (folder: string) => readFileSync(path.join(dir, folder, "migration.sql"), "utf8");

type Scratch = { exec(sql: string): Promise<void>; domains(): Promise<Record<string, unknown>>; close(): Promise<void> };

async function scratchDatabase(): Promise<Scratch> {
  const name = `mig_${randomUUID().slice(0, 8)}`;
  if (target.provider === "sqlite") {
    mkdirSync(".tmp", { recursive: true });
    const file = path.join(".tmp", `${name}.db`);
    const sqlite = new Database(file);
    return {
      exec: async (sql) => void sqlite.exec(sql),
      domains: async () =>
        Object.fromEntries(
          (sqlite.prepare(`SELECT "slug", "domains" FROM "Queue"`).all() as { slug: string; domains: string }[]).map((r) => [r.slug, JSON.parse(r.domains)]),
        ),
      close: async () => {
        sqlite.close();
        rmSync(file, { force: true });
      },
    };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  await client.query(`CREATE SCHEMA "${name}"`);
  await client.query(`SET search_path TO "${name}"`);
  return {
    exec: async (sql) => void (await client.query(sql)),
    domains: async () => Object.fromEntries((await client.query(`SELECT "slug", "domains" FROM "Queue"`)).rows.map((r) => [r.slug, r.domains])),
    close: async () => {
      await client.query(`DROP SCHEMA "${name}" CASCADE`);
      await client.end();
    },
  };
}

const scratches: Scratch[] = [];
afterAll(async () => {
  for (const s of scratches) await s.close();
});

const q = (value: string) => `'${value.replace(/'/g, "''")}'`;

function proposal(id: string, queueId: string, scopes: string[]): string {
  const json = (v: unknown) => q(JSON.stringify(v));
  const plan = scopes.map((scope) => ({ title: "Step", tool: "t", scope, args: {} }));
  return `INSERT INTO "Proposal" ("id", "agentId", "queueId", "intent", "title", "actorType", "actorId", "scopes", "tier", "risk", "plan", "envelope", "digest", "status", "intakeResponse", "updatedAt")
    VALUES (${q(id)}, 'agent1', ${q(queueId)}, 'do', 'Do it', 'user', 'u1', ${json(scopes)}, 'commit', 'high', ${json(plan)}, '{}', 'd', 'pending', '{}', CURRENT_TIMESTAMP);`;
}

describe(`migration ${folders[index] ?? MIGRATION}`, () => {
  it("fills each existing queue's domains from the scopes of the proposals it holds", async () => {
    expect(index, "the migration folder exists").toBeGreaterThan(0);
    const db = await scratchDatabase();
    scratches.push(db);
    for (const folder of folders.slice(0, index)) await db.exec(sqlOf(folder));
    await db.exec(`
      INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'sponsor@example.com', 'Sponsor', CURRENT_TIMESTAMP);
      INSERT INTO "Agent" ("id", "name", "sponsorId", "scopes", "updatedAt") VALUES ('agent1', 'bot', 'u1', '[]', CURRENT_TIMESTAMP);
      INSERT INTO "Queue" ("id", "slug", "name", "updatedAt") VALUES
        ('q1', 'accounts-payable', 'AP', CURRENT_TIMESTAMP),
        ('q2', 'customer-email', 'Email', CURRENT_TIMESTAMP),
        ('q3', 'empty', 'Nothing yet', CURRENT_TIMESTAMP);
      ${proposal("p1", "q1", ["ap:read", "ap:write:draft", "ap:commit"])}
      ${proposal("p2", "q1", ["procurement:commit"])}
      ${proposal("p3", "q1", ["ap:commit"])}
      ${proposal("p4", "q2", ["support:read", "email:write:draft", "email:commit", "crm.eu-west:read"])}
    `);
    await db.exec(sqlOf(folders[index]!));
    expect(await db.domains()).toEqual({
      "accounts-payable": ["ap", "procurement"],
      "customer-email": ["crm.eu-west", "email", "support"],
      // No proposals, nothing to go by: it governs nothing until an admin says what.
      empty: [],
    });
    // New queues get the column's default.
    await db.exec(`INSERT INTO "Queue" ("id", "slug", "name", "updatedAt") VALUES ('q4', 'later', 'Later', CURRENT_TIMESTAMP);`);
    expect((await db.domains()).later).toEqual([]);
  });
});
