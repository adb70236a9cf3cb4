// The files served from public/ to anyone, signed in or not, and the header
// that keeps every page out of search indexes.
import { expect, test } from "@playwright/test";

test("robots.txt keeps the whole app out of search engines", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(await response.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
});

test("pages and API answers say noindex", async ({ request }) => {
  for (const path of ["/login", "/api/health", "/robots.txt"]) {
    const response = await request.get(path);
    expect(response.headers()["x-robots-tag"], path).toBe("noindex, nofollow");
  }
});

test("the favicon and the logo are served without signing in", async ({ request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/icon/);
  const logo = await request.get("/logo.svg");
  expect(logo.status()).toBe(200);
  expect(await logo.text()).toContain("Countersign");
});
