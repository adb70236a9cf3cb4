// The entry-point inventory: every server action and route handler of the app,
// found in the source tree at test time, is called directly over HTTP (no UI)
// by the callers who must not get through — no session, a viewer, an approver
// of another queue, the agent's own sponsor, a revoked agent key, another
// agent's key — and each call must be refused, leave the database as it was,
// and (for Countersign's own endpoints) add an entry to the security log.
// An entry point missing from e2e/entry-points/coverage.ts fails this spec.
import { expect, test, type APIRequestContext } from "@playwright/test";
import type Database from "better-sqlite3";
import { discoverEntryPoints, type EntryPoint } from "./entry-points/discover";
import { builtActions, pageUrl, type BuiltAction } from "./entry-points/action-manifest";
import { COVERAGE, SESSION_CALLERS, type ActionCoverage, type Caller, type RouteCoverage } from "./entry-points/coverage";
import { fingerprint, latestSecurityEvents, openReadOnly, securityEventCount } from "./entry-points/fingerprint";
import { callRoute, callServerAction } from "./entry-points/http";
import { createWorld, type Callers, type World } from "./entry-points/world";

const ROOT = process.cwd();
const discovery = discoverEntryPoints(ROOT);

/** Refusal codes a server action answers with (lib/security/refusal-codes.ts). */
const ACTION_REFUSAL = /"ok":false,"error":\{"code":"(unauthenticated|forbidden|not_allowed|separation_of_duties|scope_not_granted|policy_denied)"/;
/** Per-item refusals of a batch decision: nothing decided, every item skipped for lack of a right. */
const ITEM_REFUSALS = new Set(["not_allowed", "separation_of_duties", "forbidden"]);

function actionRefused(text: string): boolean {
  if (ACTION_REFUSAL.test(text)) return true;
  const reasons = [...text.matchAll(/"reason":"([a-z_]+)"/g)].map((m) => m[1]!);
  return /"decided":\[\]/.test(text) && reasons.length > 0 && reasons.every((r) => ITEM_REFUSALS.has(r));
}

test("every entry point in the source has coverage, and every coverage entry still has its entry point", () => {
  const keys = new Set(discovery.entryPoints.map((e) => e.key));
  expect(discovery.problems, "entry points the inventory cannot see").toEqual([]);
  const missing = [...keys].filter((key) => !(key in COVERAGE));
  expect(missing, `entry points with no row in e2e/entry-points/coverage.ts (say who must be refused, or why it is public):\n  ${missing.join("\n  ")}`).toEqual([]);
  const stale = Object.keys(COVERAGE).filter((key) => !keys.has(key));
  expect(stale, `rows in e2e/entry-points/coverage.ts for entry points that no longer exist:\n  ${stale.join("\n  ")}`).toEqual([]);
  // Sanity: the scan sees the entry points we know exist.
  expect(keys).toContain("app/(app)/proposals/actions.ts#decideProposalsAction");
  expect(keys).toContain("app/api/v1/proposals/route.ts#POST");
});

test.describe("each entry point refuses who it must, changes nothing, and logs the refusal", () => {
  test.describe.configure({ timeout: 120_000 });
  let actions: Map<string, BuiltAction>;
  let world: World;
  let callers: Callers;
  let db: Database.Database;

  const actionTarget = (key: string): { id: string; page: string } => {
    const built = actions.get(key);
    if (!built) throw new Error(`${key} is not in the build's server action manifest: is it imported anywhere, and is the build current?`);
    const params = { id: world?.pendingId ?? "none" };
    const page = built.pages.map((p) => pageUrl(p, params)).find((url): url is string => url !== null);
    if (!page) throw new Error(`${key}: no page serves it in the build (${built.pages.join(", ") || "none"})`);
    return { id: built.id, page };
  };

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(180_000);
    actions = builtActions(ROOT);
    const baseURL = String(testInfo.project.use.baseURL);
    const decide = actionTarget("app/(app)/proposals/actions.ts#decideProposalsAction");
    ({ world, callers } = await createWorld(baseURL, decide));
    db = openReadOnly();
  });

  test.afterAll(async () => {
    db?.close();
    await callers?.dispose();
  });

  /**
   * Each call comes from its own address (X-Forwarded-For, as a proxy would set it):
   * the security log coalesces repeated anonymous refusals per address, and every
   * call here must show up on its own.
   */
  let calls = 0;
  const nextAddress = () => {
    calls++;
    return `198.18.${Math.floor(calls / 250)}.${(calls % 250) + 1}`;
  };

  /** One call: must be refused (or, for readers, answered), must change nothing, and a refusal must be logged. */
  async function check(
    label: string,
    expectation: "refused" | "readOnly",
    logged: boolean,
    call: (headers: Record<string, string>) => Promise<{ status: number; text: string }>,
    refused: (r: { status: number; text: string }) => boolean,
  ) {
    const before = fingerprint(db);
    const eventsBefore = securityEventCount(db);
    const result = await call({ "x-forwarded-for": nextAddress() });
    // A server action answers in React's wire format: show its result line, not the page around it.
    const resultLine = result.text.split("\n").find((line) => /"ok":(true|false)/.test(line));
    const summary = `${result.status} ${(resultLine ?? result.text).slice(0, 400)}`;
    if (expectation === "refused") expect.soft(refused(result), `${label}: expected a refusal, got ${summary}`).toBe(true);
    else expect.soft(result.status, `${label}: a reader should be answered, got ${summary}`).toBe(200);
    expect.soft(fingerprint(db), `${label}: the database changed`).toEqual(before);
    if (expectation === "refused" && logged) {
      expect.soft(securityEventCount(db), `${label}: no new security log entry; latest: ${JSON.stringify(latestSecurityEvents(db, 3))}`).toBeGreaterThan(eventsBefore);
    }
  }

  function contextFor(caller: Caller): { context: APIRequestContext; headers: Record<string, string> } {
    if (caller === "revokedAgentKey") return { context: callers.anonymous, headers: { authorization: `Bearer ${world.keys.revoked}` } };
    if (caller === "otherAgentKey") return { context: callers.anonymous, headers: { authorization: `Bearer ${world.keys.other}` } };
    return { context: callers[caller], headers: {} };
  }

  async function checkAction(entry: Extract<EntryPoint, { kind: "action" }>, coverage: ActionCoverage) {
    const target = actionTarget(entry.key);
    for (const caller of SESSION_CALLERS) {
      if (!coverage.refused.includes(caller)) continue;
      await check(
        `${entry.key} as ${caller}`,
        "refused",
        true,
        (address) => callServerAction(callers[caller], target.page, target.id, coverage.args(world), address),
        (r) => actionRefused(r.text),
      );
    }
  }

  async function checkRoute(entry: Extract<EntryPoint, { kind: "route" }>, coverage: RouteCoverage) {
    const url = coverage.url(world);
    const calls: [Caller, "refused" | "readOnly"][] = [
      ...coverage.refused.map((c): [Caller, "refused"] => [c, "refused"]),
      ...(coverage.readOnly ?? []).map((c): [Caller, "readOnly"] => [c, "readOnly"]),
    ];
    for (const [caller, expectation] of calls) {
      const { context, headers } = contextFor(caller);
      await check(
        `${entry.method} ${url} as ${caller}`,
        expectation,
        coverage.logged !== false,
        (address) => callRoute(context, entry.method, url, { headers: { ...address, ...coverage.headers?.(world), ...headers }, body: coverage.body?.(world) }),
        (r) => r.status === 401 || r.status === 403 || r.status === 404,
      );
    }
  }

  for (const entry of discovery.entryPoints) {
    const coverage = COVERAGE[entry.key];
    if (!coverage || coverage.kind === "exempt") continue;
    const who = [...coverage.refused].join(", ");
    test(`${entry.key} refuses ${who}`, async () => {
      expect(coverage.refused.length, "a covered entry point refuses someone; otherwise it is an exemption").toBeGreaterThan(0);
      if (entry.kind === "action" && coverage.kind === "action") await checkAction(entry, coverage);
      else if (entry.kind === "route" && coverage.kind === "route") await checkRoute(entry, coverage);
      else throw new Error(`${entry.key} is a ${entry.kind} but its coverage row is for a ${coverage.kind}`);
    });
  }
});
