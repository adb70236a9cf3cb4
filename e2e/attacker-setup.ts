// What the attack specs start from: an agent with a pending payment proposal
// made through the API, and the e2e SQLite file opened for writing beside the
// running server (someone who can write to the database, not the signing key).
import Database from "better-sqlite3";
import { expect, type APIRequestContext } from "@playwright/test";
import { createAgentKey } from "./cli";
import { e2eDatabasePath } from "./entry-points/fingerprint";

/** A new agent (sponsored by the demo admin) and one high-risk payment release it proposed; `label` names both. */
export async function proposeReleasePayment(request: APIRequestContext, label: string) {
  const suffix = Date.now().toString(36);
  const key = createAgentKey(`e2e-${label}-${suffix}`, "admin@countersign.dev", "ap:read,ap:commit");
  const auth = { authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/proposals", {
    headers: auth,
    data: {
      queue: "accounts-payable",
      intent: "pay_vendor_bill",
      title: `E2E ${label} ${suffix}`, // returned as `title`
      actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Ops" },
      scopes: ["ap:read", "ap:commit"],
      risk: "high",
      plan: [{ title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: `pay_${label}_${suffix}` } }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  return { id, auth, title: `E2E ${label} ${suffix}` };
}

/** The e2e database, writable; it waits for the server's transactions rather than failing. */
export function openE2eDatabase(): Database.Database {
  const db = new Database(e2eDatabasePath(), { fileMustExist: true });
  db.pragma("busy_timeout = 30000");
  return db;
}
