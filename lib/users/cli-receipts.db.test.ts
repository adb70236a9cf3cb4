// The command line changes people and queues with the admin pages' own rules:
// each change writes a receipt naming the command line as the actor. Runs the
// real CLI in a child process against the test database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { uniqueName } from "@/test-support/fixtures";

const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const receiptsFor = (kind: string, match: (payload: Record<string, unknown>) => boolean) =>
  db.receipt.findMany({ where: { kind } }).then((rows) => rows.filter((r) => match(r.payload as Record<string, unknown>)));

describe("CLI changes write receipts", () => {
  it("user:create, user:disable, queue:create and queue:domains each write one receipt by the command line", async () => {
    const email = `${uniqueName("cli")}@example.com`;
    const created = await cli("user:create", "--email", email, "--name", "CLI Person", "--role", "approver", "--password", "a-long-password");
    expect(created.stdout).toContain(`Created user ${email}`);
    const [userReceipt, ...more] = await receiptsFor("user_created", (p) => p.email === email);
    expect(more).toEqual([]);
    expect(userReceipt).toMatchObject({ actorType: "system", actorId: "cli", payload: { email, role: "approver", password_set: true } });

    expect((await cli("user:disable", "--email", email)).stdout).toContain(`Disabled user ${email}`);
    expect(await receiptsFor("user_disabled", (p) => p.email === email)).toEqual([expect.objectContaining({ actorType: "system", actorId: "cli" })]);
    // Again: nothing changes, no second receipt.
    expect((await cli("user:disable", "--email", email)).stdout).toContain("already disabled");
    expect(await receiptsFor("user_disabled", (p) => p.email === email)).toHaveLength(1);

    const slug = uniqueName("procurement");
    const queue = await cli("queue:create", "--slug", slug, "--name", "Procurement", "--domains", "procurement, ap");
    expect(queue.stdout).toContain(`Created queue ${slug} (Procurement)`);
    expect(queue.stdout).toContain("governing ap, procurement");
    expect(await receiptsFor("queue_created", (p) => p.queue === slug)).toEqual([
      expect.objectContaining({ actorType: "system", actorId: "cli", payload: expect.objectContaining({ domains: ["ap", "procurement"] }) }),
    ]);
    expect(await db.queue.findUniqueOrThrow({ where: { slug }, select: { domains: true } })).toEqual({ domains: ["ap", "procurement"] });

    const changed = await cli("queue:domains", "--slug", slug, "--domains", "procurement");
    expect(changed.stdout).toContain(`Queue ${slug} now governs procurement (was ap, procurement)`);
    expect(await receiptsFor("queue_setting_changed", (p) => p.queue === slug)).toEqual([
      expect.objectContaining({ actorType: "system", payload: { queue: slug, setting: "domains", before: ["ap", "procurement"], after: ["procurement"], added: [], removed: ["ap"] } }),
    ]);
  }, 400_000);

  it("queue:create requires --domains and names a bad domain readably; nothing is created", async () => {
    const slug = uniqueName("q");
    const missing = await cli("queue:create", "--slug", slug, "--name", "Q");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error: missing --domains");
    const bad = await cli("queue:create", "--slug", slug, "--name", "Q", "--domains", "ap,Payments");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error: domains.1: "Payments" is not a scope domain');
    expect(await db.queue.count({ where: { slug } })).toBe(0);
    expect(await receiptsFor("queue_created", (p) => p.queue === slug)).toEqual([]);
  }, 200_000);
});
