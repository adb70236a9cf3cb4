// A session cookie is no licence: a user demoted to viewer, or disabled, keeps
// a valid-looking cookie, and the very next decision sent with it — the real
// server action, posted over HTTP as the browser would — is refused, nothing is
// decided, and the attempt is in the security log under that user.
import { expect, test } from "@playwright/test";
import { cli } from "./cli";
import { builtActions, pageUrl } from "./entry-points/action-manifest";
import { openReadOnly } from "./entry-points/fingerprint";
import { callServerAction, signedInContext } from "./entry-points/http";

const PASSWORD = "session-revocation-123";

function decideAction() {
  const built = builtActions(process.cwd()).get("app/(app)/proposals/actions.ts#decideProposalsAction");
  if (!built) throw new Error("decideProposalsAction is not in the build's server action manifest");
  const page = built.pages.map((p) => pageUrl(p, {})).find((url): url is string => url !== null);
  if (!page) throw new Error(`no page without parameters serves decideProposalsAction (${built.pages.join(", ")})`);
  return { id: built.id, page };
}

/** Pending, unexpired, single-approval proposals no other spec is likely to pick first (the oldest). */
function pendingProposals(count: number): string[] {
  const db = openReadOnly();
  try {
    return db
      .prepare(
        `SELECT id FROM "Proposal" WHERE status = 'pending' AND requiredApprovals = 1 AND risk <> 'critical'
           AND (expiresAt IS NULL OR expiresAt > ?) ORDER BY createdAt ASC LIMIT ?`,
      )
      .pluck()
      .all(new Date(Date.now() + 3_600_000).toISOString(), count) as string[];
  } finally {
    db.close();
  }
}

function stateOf(proposalId: string, userEmail: string) {
  const db = openReadOnly();
  try {
    const status = db.prepare(`SELECT status FROM "Proposal" WHERE id = ?`).pluck().get(proposalId);
    const decisions = db.prepare(`SELECT count(*) FROM "Decision" WHERE proposalId = ?`).pluck().get(proposalId);
    const events = db
      .prepare(`SELECT code, actorType, actor FROM "SecurityEvent" WHERE actorId = (SELECT id FROM "User" WHERE email = ?) ORDER BY createdAt`)
      .all(userEmail) as { code: string; actorType: string; actor: string }[];
    return { status, decisions, events };
  } finally {
    db.close();
  }
}

for (const change of ["demoted", "disabled"] as const) {
  test(`an approver's session that is ${change} can no longer decide on its next request`, async ({}, testInfo) => {
    const baseURL = String(testInfo.project.use.baseURL);
    const email = `${change}-session-${Date.now()}@countersign.test`;
    cli("user:create", "--email", email, "--name", `${change} approver`, "--role", "approver", "--password", PASSWORD);
    const action = decideAction();
    const session = await signedInContext(baseURL, email, PASSWORD);
    // Newest-first ordering in other specs: take the oldest, and a different pair per test.
    const [before, after] = pendingProposals(change === "demoted" ? 2 : 4).slice(change === "demoted" ? 0 : 2);
    expect(after, "two pending proposals in the demo data").toBeTruthy();

    // The same session decides while it is an approver: the cookie and the action call work.
    const allowed = await callServerAction(session, action.page, action.id, [{ ids: [before], outcome: "approved" }]);
    expect(allowed.text).toMatch(/"ok":true/);
    expect(stateOf(before!, email).status).toBe("approved");

    if (change === "demoted") expect(cli("user:role", "--email", email, "--role", "viewer")).toContain("is now viewer");
    else expect(cli("user:disable", "--email", email)).toContain("Disabled user");

    const refused = await callServerAction(session, action.page, action.id, [{ ids: [after], outcome: "approved" }]);
    // Both end the session (the user's session version moves on), so both are refused as signed out.
    expect(refused.text).toMatch(/"ok":false,"error":\{"code":"unauthenticated"/);
    const state = stateOf(after!, email);
    expect(state.status).toBe("pending");
    expect(state.decisions).toBe(0);
    const logged = state.events.at(-1);
    expect(logged, "the refused attempt is in the security log under this user").toBeTruthy();
    expect(logged!.code).toBe("unauthenticated");
    expect(JSON.parse(logged!.actor)).toMatchObject({ type: "user", email, role: change === "demoted" ? "viewer" : "approver (disabled)" });
    await session.dispose();
  });
}
