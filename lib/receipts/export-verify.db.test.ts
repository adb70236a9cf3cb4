// Offline verification: the JSONL export (through the real route handler) and
// the published JWKS (through its route) are all `receipts:verify --file`
// needs; a tampered file is caught, and a filtered export is called partial.
import { vi, describe, expect, it, beforeAll } from "vitest";

vi.hoisted(() => {
  // One key for every test file (checkpoints from all of them share the chain), kept out of data/.
  process.env.SIGNING_KEY_FILE ??= ".tmp/test-signing-key.json";
});
const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GET as exportReceipts } from "@/app/(app)/receipts/export/route";
import { GET as getJwks } from "@/app/.well-known/jwks.json/route";
import { writeCheckpoint } from "@/lib/receipts/checkpoints";
import { receiptsVerifyCommand } from "@/scripts/cli/receipts";
import { verifyExportFile } from "@/lib/receipts/verify-export-file";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { createTestUser } from "@/test-support/users";
import { postProposal } from "@/test-support/agent-api";

let dir: string;
let jwksFile: string;

async function exportTo(name: string, query: string): Promise<string> {
  const response = await exportReceipts(new Request(`http://countersign.test/receipts/export?${query}`));
  expect(response.status).toBe(200);
  const file = path.join(dir, name);
  await writeFile(file, await response.text());
  return file;
}

beforeAll(async () => {
  session.user = await createTestUser("viewer");
  const world = await createTestWorld();
  for (let i = 0; i < 3; i++) expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
  await writeCheckpoint();
  dir = await mkdtemp(path.join(tmpdir(), "countersign-export-"));
  const jwks = await getJwks(new Request("http://countersign.test/.well-known/jwks.json"));
  expect(jwks.status).toBe(200);
  expect(jwks.headers.get("cache-control")).toContain("public");
  jwksFile = path.join(dir, "jwks.json");
  await writeFile(jwksFile, await jwks.text());
});

describe("receipts:verify --file", () => {
  it("verifies a full export offline with the published keys", async () => {
    const file = await exportTo("full.jsonl", "format=jsonl&kind=all");
    const lines = (await readFile(file, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "export", complete: true });
    expect(lines.some((l) => l.type === "checkpoint" && typeof l.jws === "string")).toBe(true);
    const result = await verifyExportFile(file, jwksFile);
    expect(result.firstBroken).toBeUndefined();
    expect(result).toMatchObject({ ok: true, partial: false });
    expect(result.lastCheckpoint).not.toBeNull();
    const command = await receiptsVerifyCommand({ file, jwks: jwksFile });
    expect(command.exitCode).toBe(0);
    expect(command.lines[0]).toMatch(/^Chain intact through #\d+/);
  });

  it("names the first broken receipt of a tampered file and exits non-zero", async () => {
    const file = await exportTo("tampered.jsonl", "format=jsonl&kind=all");
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    const index = lines.findIndex((l) => JSON.parse(l).kind === "proposed");
    const victim = JSON.parse(lines[index]!);
    lines[index] = JSON.stringify({ ...victim, payload: { ...victim.payload, tier: "read" } });
    await writeFile(file, `${lines.join("\n")}\n`);
    const command = await receiptsVerifyCommand({ file, jwks: jwksFile });
    expect(command.exitCode).toBe(1);
    expect(command.lines[0]).toContain(`BROKEN at receipt #${victim.seq}`);
  });

  it("says a filtered export is partial and does not call it intact", async () => {
    const file = await exportTo("filtered.jsonl", "format=jsonl");
    const command = await receiptsVerifyCommand({ file, jwks: jwksFile });
    expect(command.exitCode).toBe(2);
    expect(command.lines.join("\n")).toMatch(/PARTIAL/);
  });

  it("refuses a file checked against another server's keys", async () => {
    const file = await exportTo("other-keys.jsonl", "format=jsonl&kind=all");
    const otherJwks = path.join(dir, "other-jwks.json");
    await writeFile(otherJwks, JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "other" }] }));
    const command = await receiptsVerifyCommand({ file, jwks: otherJwks });
    expect(command.exitCode).toBe(1);
    expect(command.lines[0]).toMatch(/unknown key/);
  });

  it("verifies the database itself too", async () => {
    const command = await receiptsVerifyCommand({});
    expect(command.exitCode).toBe(0);
    expect(command.lines[0]).toMatch(/^Chain intact through #\d+: .* in the database/);
  });
});
