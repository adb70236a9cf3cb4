// Attack: malformed bodies over real HTTP against the production build. A
// sample of the property test's generated bodies (fixed seed) goes to every
// JSON endpoint of the agent API: never a 5xx, always a readable error. The
// full 10,000-body runs are in app/api/v1/malformed-input.db.test.ts.
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { cli, createAgentKey, createToolKey } from "../cli";
import { builtActions, pageUrl } from "../entry-points/action-manifest";
import { openReadOnly } from "../entry-points/fingerprint";
import { callServerAction, signedInContext } from "../entry-points/http";
import { describeBody, FUZZ_SEED, hostileBody, type HostileBody } from "../../test-support/hostile-json";

const RUNS = 300;

const envelope = {
  queue: "accounts-payable",
  intent: "pay_vendor_bill",
  title: "Fuzzed payment",
  actor: { type: "user", id: "u_123", email: "ops@company.com" },
  scopes: ["ap:read"],
  risk: "low",
  inputs: { vendor: "Acme", lines: [1, 2, 3] },
  plan: [{ title: "Read invoice", tool: "ap.read_invoice", scope: "ap:read", args: { invoice: "INV-1" } }],
};

function proposalsOf(agentName: string): number {
  const db = openReadOnly();
  try {
    return Number(db.prepare(`SELECT count(*) FROM "Proposal" p JOIN "Agent" a ON a.id = p."agentId" WHERE a.name = ?`).pluck().get(agentName));
  } finally {
    db.close();
  }
}

test("300 generated bodies per JSON endpoint: never a 5xx, each error readable, refused bodies store nothing", async ({ request }) => {
  test.setTimeout(600_000);
  const name = `e2e-fuzz-${Date.now().toString(36)}`;
  const key = createAgentKey(name, "admin@countersign.dev", "ap:read");
  const auth = { authorization: `Bearer ${key}` };
  // Only a registered tool may redeem: with its key the bodies reach the verify body reader.
  const toolAuth = { authorization: `Bearer ${createToolKey(`${name}-tool`)}` };

  const first = await request.post("/api/v1/proposals", { headers: auth, data: envelope });
  expect(first.status()).toBe(201);
  const { id, digest } = await first.json();

  const endpoints: { name: string; method: "post" | "put"; url: string; base: unknown; headers: Record<string, string> }[] = [
    { name: "intake", method: "post", url: "/api/v1/proposals", base: envelope, headers: auth },
    { name: "executions", method: "post", url: `/api/v1/proposals/${id}/executions`, base: { outcome: "executed", digest, result: { ok: true } }, headers: auth },
    { name: "webhook", method: "put", url: "/api/v1/webhook", base: { url: "https://agent.example/hooks/countersign" }, headers: auth },
    { name: "verify", method: "post", url: "/api/v1/approval-tokens/verify", base: { token: "eyJhbGciOiJFZERTQSJ9.e30.sig", digest }, headers: toolAuth },
  ];

  let created = 1;
  for (const endpoint of endpoints) {
    await fc.assert(
      fc.asyncProperty(hostileBody(endpoint.base), async (body: HostileBody) => {
        const res = await request[endpoint.method](endpoint.url, {
          headers: { ...endpoint.headers, "content-type": "application/json" },
          data: typeof body === "string" ? body : Buffer.from(body),
        });
        const what = `${endpoint.name} answered ${res.status()} to ${describeBody(body)}`;
        expect(res.status(), what).toBeLessThan(500);
        if (res.status() >= 400) {
          const error = (await res.json()).error ?? (await res.json());
          expect(error.code ?? error.error?.code, what).toMatch(/^[a-z_]+$/);
        } else if (endpoint.name === "intake" && res.status() === 201) created++;
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  }
  expect(proposalsOf(name)).toBe(created);
});

// JSON is UTF-8 (RFC 8259): a body declared in another charset meant other characters than the
// ones the server would read and store, so it is a 415 naming what is accepted (lib/http/json-content-type.ts).
test("a JSON body declared in a charset other than UTF-8 is a 415 on every JSON endpoint; utf-8 and no charset still work", async ({ request }) => {
  const name = `e2e-charset-${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${createAgentKey(name, "admin@countersign.dev", "ap:read")}` };
  const toolAuth = { authorization: `Bearer ${createToolKey(`${name}-tool`)}` };
  const latin1 = Buffer.from(JSON.stringify({ ...envelope, title: "Caf\u00e9 payment" }), "latin1");
  for (const type of ["application/json; charset=latin1", 'application/json; charset="UTF-16"', "application/json;CHARSET=windows-1252"]) {
    for (const [url, method, headers, body] of [
      ["/api/v1/proposals", "post", auth, latin1],
      ["/api/v1/webhook", "put", auth, Buffer.from('{"url":"https://agent.example/cb"}')],
      ["/api/v1/approval-tokens/verify", "post", toolAuth, Buffer.from('{"token":"a.b.c"}')],
    ] as const) {
      const res = await request[method](url, { headers: { ...headers, "content-type": type }, data: body });
      expect(res.status(), `${url} with ${type}`).toBe(415);
      const { error } = await res.json();
      expect(error.code).toBe("unsupported_media_type");
      expect(error.message).toContain("application/json; charset=utf-8");
    }
  }
  expect(proposalsOf(name)).toBe(0);
  for (const type of ["application/json", "application/json; charset=utf-8", 'application/json; charset="UTF-8"']) {
    const res = await request.post("/api/v1/proposals", { headers: { ...auth, "content-type": type }, data: Buffer.from(JSON.stringify({ ...envelope, title: "Caf\u00e9" })) });
    expect(res.status(), type).toBe(201);
  }
  expect(proposalsOf(name)).toBe(3);
});

// React decodes a server action's arguments before any of our code runs, recursing once per level:
// a body nested 10,000 deep overflowed the stack inside Next.js (a 500) for anyone holding an
// action id, signed in or not. The proxy refuses it first (lib/http/server-action-depth.ts).
test("a server action body nested 10,000 deep is a 400 before Next.js decodes it, signed in or not; a normal call still works", async ({ request }, testInfo) => {
  const built = builtActions(process.cwd()).get("app/(app)/proposals/actions.ts#decideProposalsAction");
  expect(built, "decideProposalsAction in the build's manifest").toBeTruthy();
  const page = built!.pages.map((p) => pageUrl(p, {})).find((url): url is string => url !== null)!;
  const email = `deep-action-${Date.now()}@countersign.test`;
  cli("user:create", "--email", email, "--name", "Deep action", "--role", "approver", "--password", "deep-action-123456");
  const session = await signedInContext(String(testInfo.project.use.baseURL), email, "deep-action-123456");
  const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  const actionHeaders = { "next-action": built!.id, accept: "text/x-component" };
  for (const [who, caller] of [["anonymous", request], ["signed in", session]] as const) {
    const text = await caller.post(page, { headers: { ...actionHeaders, "content-type": "text/plain;charset=UTF-8" }, data: `[{"ids":${deep},"outcome":"approved"}]`, maxRedirects: 0 });
    expect(text.status(), `${who}, text body`).toBe(400);
    expect(await text.text()).toContain("nested deeper than 128 levels");
    const form = await caller.post(page, { headers: actionHeaders, multipart: { "1_$ACTION_ID_x": "", 0: `[{"ids":${deep},"outcome":"approved"}]` }, maxRedirects: 0 });
    expect(form.status(), `${who}, multipart body`).toBe(400);
  }
  // The guard only reads: an ordinary call with the same session reaches the action and its own checks.
  const ordinary = await callServerAction(session, page, built!.id, [{ ids: ["no-such-proposal"], outcome: "approved" }]);
  expect(ordinary.status).toBe(200);
  expect(ordinary.text).toMatch(/"ok":(true|false)/);
});

// Next.js's own CSRF check refuses a server action whose Origin is another site, but with a 500 (and an
// Origin it cannot parse threw a plain 500). The proxy refuses both first with a 403
// (lib/http/server-action-origin.ts); X-Forwarded-Host sent by the client does not make another site ours.
test("a server action called from another origin is a 403 before Next.js, and decides nothing; the site's own origin still works", async ({ request }, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const built = builtActions(process.cwd()).get("app/(app)/proposals/actions.ts#decideProposalsAction")!;
  const page = built.pages.map((p) => pageUrl(p, {})).find((url): url is string => url !== null)!;
  // Dana approves the accounts-payable queue in the demo data.
  const session = await signedInContext(baseURL, "dana@countersign.dev", "countersign-demo");
  const key = createAgentKey(`e2e-cross-origin-${Date.now().toString(36)}`, "admin@countersign.dev", "ap:read,ap:commit");
  const created = await request.post("/api/v1/proposals", {
    headers: { authorization: `Bearer ${key}` },
    data: { ...envelope, scopes: ["ap:read", "ap:commit"], plan: [{ title: "Pay", tool: "ap.pay", scope: "ap:commit", args: { id: 1 } }] },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const args = [{ ids: [id], outcome: "rejected", reason: "cross-site" }];
  const foreign: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { origin: "http://127.0.0.1:1.evil" }, { origin: "https://evil.example", "x-forwarded-host": "evil.example" }];
  for (const headers of foreign) {
    const refused = await callServerAction(session, page, built.id, args, headers);
    expect(refused.status, JSON.stringify(headers)).toBe(403);
    expect(refused.text).toContain("only be called from this site's own pages");
  }
  const still = await request.get(`/api/v1/proposals/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect((await still.json()).status).toBe("pending");
  const own = await callServerAction(session, page, built.id, args, { origin: new URL(baseURL).origin });
  expect(own.status).toBe(200);
  expect(own.text).toContain('"ok":true');
  const decided = await request.get(`/api/v1/proposals/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect((await decided.json()).status).toBe("rejected");
});

// Next.js decodes a page's dynamic segment before our code runs and answered broken percent-encoding
// with a 500, signed in or not; the proxy answers 400 first (lib/http/malformed-path.ts).
test("a page path with broken percent-encoding is a 400, signed in or not", async ({ request }, testInfo) => {
  const session = await signedInContext(String(testInfo.project.use.baseURL), "vic@countersign.dev", "countersign-demo");
  for (const [who, caller] of [["anonymous", request], ["signed in", session]] as const) {
    for (const path of ["/proposals/%", "/proposals/%ED%A0%80", "/receipts/%E0%A4%A", "/queue/groups/%ZZ", "/api/auth/%"]) {
      const response = await caller.get(path, { maxRedirects: 0 });
      expect(response.status(), `${who} ${path}`).toBe(400);
      expect(await response.text()).toContain("not valid percent-encoding");
    }
  }
  expect((await session.get("/proposals/%E2%80%AE", { maxRedirects: 0 })).status()).toBe(404);
});
