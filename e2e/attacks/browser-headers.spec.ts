// The browser surface against the production build: every page and API
// response carries the security headers; the CSP allows only scripts holding
// this response's nonce (no unsafe-eval), and the app still signs in,
// hydrates and loads the queue in Chromium with no CSP violation; a hostile
// callbackUrl never takes a person off-site after sign-in.
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, waitForQueue } from "../helpers";

// The shared test machine is slow under load: generous waits, no wall-clock assertions.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 300_000 });

function expectHeadersBesideThePolicy(headers: Record<string, string>, where: string) {
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  // The e2e server's public URL is http: no HSTS (a unit test covers https).
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  expectHeadersBesideThePolicy(headers, where);
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, where).not.toContain("unsafe-eval");
  return /'nonce-([^']+)'/.exec(csp)![1]!;
}

test("a page and an API response carry the security headers, each page with a fresh nonce on its scripts, the agent API a policy that lets nothing run", async ({ request }) => {
  const first = await request.get("/login");
  const nonce = expectSecurityHeaders(first.headers(), "GET /login");
  const html = await first.text();
  // Next.js stamps the nonce on its own scripts; no script goes without one.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script tag carries this response's nonce").toContain(`nonce="${nonce}"`);
  const second = expectSecurityHeaders((await request.get("/login")).headers(), "GET /login again");
  expect(second, "a new nonce per response").not.toBe(nonce);

  expectSecurityHeaders((await request.get("/api/health")).headers(), "GET /api/health");
  // The agent API answers JSON only: nothing may load or run (served by the lean handler, not through proxy.ts).
  const refused = await request.post("/api/v1/proposals", { data: {} });
  expect(refused.status()).toBe(401);
  expectHeadersBesideThePolicy(refused.headers(), "POST /api/v1/proposals (401)");
  expect(refused.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  // OPTIONS is left to Next.js: proxy.ts gives it the agent API's policy too.
  const options = await request.fetch("/api/v1/proposals", { method: "OPTIONS" });
  expect(options.status()).toBeLessThan(500);
  expectHeadersBesideThePolicy(options.headers(), "OPTIONS /api/v1/proposals");
  expect(options.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

/** Collects CSP violations reported in the page (securitypolicyviolation) and in the console. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) seen.push(message.text());
  });
  page.on("pageerror", (error) => seen.push(`page error: ${error.message}`));
  return seen;
}

test("the app signs in, hydrates and loads the queue in Chromium with no CSP violation", async ({ page }) => {
  const violations = watchViolations(page);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto("/login");
  await page.getByLabel("Email").fill("sam@countersign.dev");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click(); // needs hydration: the form signs in through next-auth's client
  await page.waitForURL(/\/queue/);
  await waitForQueue(page); // the queue only reports ready once React has hydrated it
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await page.goto("/receipts");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a page cannot be framed by another site", async ({ page, baseURL }) => {
  await page.setContent(`<iframe id="f" src="${baseURL}/login"></iframe>`);
  await page.waitForTimeout(3000);
  // Blocked frames end on Chromium's error page; a rendered sign-in form would mean clickjacking works.
  const rendered = await Promise.all(page.frames().filter((f) => f !== page.mainFrame()).map((f) => f.locator("form").count().catch(() => 0)));
  expect(rendered.reduce((a, b) => a + b, 0), "the framed sign-in page rendered its form").toBe(0);
});

const HOSTILE_CALLBACKS = [
  "/%5Cevil.example",
  "/\\evil.example",
  "//evil.example",
  "/%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/%09/evil.example",
  "https://evil.example/",
  "http://evil.example@127.0.0.1/",
];

for (const callbackUrl of HOSTILE_CALLBACKS) {
  test(`after sign-in, callbackUrl=${callbackUrl} stays on this site`, async ({ page, baseURL }) => {
    const offsite: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(baseURL!)) offsite.push(r.url());
    });
    await page.goto(`/login?callbackUrl=${callbackUrl}`); // as an attacker would write the link
    await page.getByLabel("Email").fill("sam@countersign.dev");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/queue/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(offsite).toEqual([]);
  });
}

test("next-auth's own callback-url handling refuses another origin too", async ({ request, baseURL }) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "sam@countersign.dev", password: DEMO_PASSWORD, json: "true", callbackUrl: "/%5Cevil.example" },
    maxRedirects: 0,
  });
  const { url } = (await response.json()) as { url: string };
  expect(new URL(url).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(url).pathname).toBe("/queue");
});
