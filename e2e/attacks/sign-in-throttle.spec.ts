// Password guessing against the production build: a burst of 50 parallel wrong
// guesses for one account gets at most the per-email limit (5) as far as the
// password check; every guess is counted; and a forged X-Forwarded-For does
// not change the address the server records (TRUSTED_PROXY_HOPS=0: the TCP peer).
import { expect as baseExpect, test } from "@playwright/test";
import { cli } from "../cli";
import { anonymousContext } from "../entry-points/http";
import { openReadOnly } from "../entry-points/fingerprint";

// The shared test machine is slow under load: generous waits, no wall-clock assertions.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 300_000 });

const PASSWORD = "throttle-target-123";
const LIMIT = 5; // LOGIN_THROTTLE_MAX_FAILURES default

function eventsFor(email: string) {
  const db = openReadOnly();
  try {
    return db.prepare(`SELECT code, rule, ip FROM "SecurityEvent" WHERE action = 'sign_in:password' AND target = ? ORDER BY createdAt`).all(email) as {
      code: string;
      rule: string;
      ip: string | null;
    }[];
  } finally {
    db.close();
  }
}

function attemptsFor(email: string) {
  const db = openReadOnly();
  try {
    return db.prepare(`SELECT ip FROM "LoginFailure" WHERE email = ?`).all(email) as { ip: string | null }[];
  } finally {
    db.close();
  }
}

async function guess(baseURL: string, email: string, password: string, headers: Record<string, string> = {}) {
  const context = await anonymousContext(baseURL);
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, headers, maxRedirects: 0 });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  const session = (await (await context.get("/api/auth/session")).json()) as { userId?: string };
  await context.dispose();
  return { url: body.url ?? "", signedIn: !!session.userId };
}

test("50 parallel wrong guesses: at most the limit reach the password check, all are counted, then even the right password waits", async ({}, testInfo) => {
  test.setTimeout(180_000);
  const baseURL = String(testInfo.project.use.baseURL);
  const email = `burst-${Date.now()}@countersign.test`;
  cli("user:create", "--email", email, "--name", "Burst Target", "--role", "approver", "--password", PASSWORD);

  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => guess(baseURL, email, `wrong-guess-${i}`)));
  expect(results.every((r) => !r.signedIn)).toBe(true);

  const events = eventsFor(email);
  const evaluated = events.filter((e) => e.code === "sign_in_failed");
  const throttled = events.filter((e) => e.code === "sign_in_throttled");
  expect(events, "every guess is in the security log").toHaveLength(50);
  expect(evaluated.length, "guesses whose password was checked").toBeLessThanOrEqual(LIMIT);
  expect(throttled.length).toBe(50 - evaluated.length);
  expect(attemptsFor(email), "every guess was counted before its password was checked").toHaveLength(50);

  const right = await guess(baseURL, email, PASSWORD);
  expect(right.signedIn, "the right password inside the window is refused too").toBe(false);
  expect(decodeURIComponent(right.url)).toContain("Too many failed sign-ins for this email");
});

test("a forged X-Forwarded-For does not change the recorded address (no trusted proxy)", async ({}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const email = `spoof-${Date.now()}@countersign.test`;
  await guess(baseURL, email, "wrong-guess-1", { "x-forwarded-for": "203.0.113.99", "x-real-ip": "203.0.113.98" });
  await guess(baseURL, email, "wrong-guess-2", { "x-forwarded-for": "198.51.100.7, 203.0.113.99" });
  const events = eventsFor(email);
  expect(events).toHaveLength(2);
  for (const event of events) expect(event.ip, "the TCP peer, whatever the headers say").toBe("127.0.0.1");
  expect(attemptsFor(email).map((a) => a.ip)).toEqual(["127.0.0.1", "127.0.0.1"]);
});
