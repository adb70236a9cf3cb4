// Attack surface: requests the agent API has no route for, over real HTTP
// against the production build. An agent's client reads JSON, never the HTML
// 404 page; HEAD is never run as GET (which issues approval tokens).
import { expect, test } from "@playwright/test";
import { proposeReleasePayment } from "../attacker-setup";

test("an unknown agent API path is a JSON 404, a wrong method a JSON 405, and HEAD is not run as GET", async ({ request }) => {
  for (const [method, path] of [["GET", "/api/v1/proposal"], ["POST", "/api/v1/proposals/x/approve"], ["DELETE", "/api/v1/admin"]] as const) {
    const res = await request.fetch(path, { method, ...(method === "POST" ? { data: {} } : {}) });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(res.headers()["content-type"]).toMatch(/^application\/json/);
    expect((await res.json()).error).toMatchObject({ code: "not_found", message: expect.stringContaining("/api/v1/openapi.json") });
  }

  const wrong = await request.fetch("/api/v1/proposals", { method: "DELETE" });
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()["allow"]).toBe("POST");
  expect((await wrong.json()).error.code).toBe("method_not_allowed");

  const { id, auth } = await proposeReleasePayment(request, "head");
  const head = await request.fetch(`/api/v1/proposals/${id}`, { method: "HEAD", headers: auth });
  expect(head.status()).toBe(405);
  expect(head.headers()["allow"]).toBe("GET");
  expect((await request.get(`/api/v1/proposals/${id}`, { headers: auth })).status(), "GET still answers").toBe(200);
});
