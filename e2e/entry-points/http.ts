// Raw HTTP, as an attacker would call the app: a session obtained through
// next-auth's own credentials flow (no browser), server actions posted with
// a Next-Action header, route handlers called with or without a key.
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";

export async function anonymousContext(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL });
}

/** Signs in over HTTP (GET /api/auth/csrf, POST /api/auth/callback/credentials) and returns a context holding the session cookie. */
export async function signedInContext(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: `${baseURL}/queue` },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in as ${email}`).toBeLessThan(400);
  const session = (await (await context.get("/api/auth/session")).json()) as { userId?: string };
  expect(session.userId, `a session for ${email}`).toBeTruthy();
  return context;
}

/** Posts a server action the way the browser does: the action id in Next-Action, the arguments as a JSON array. */
export async function callServerAction(context: APIRequestContext, page: string, actionId: string, args: unknown[], headers: Record<string, string> = {}) {
  const response = await context.post(page, {
    headers: { ...headers, "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

export async function callRoute(
  context: APIRequestContext,
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
) {
  const response = await context.fetch(url, {
    method,
    headers: { ...(options.body !== undefined ? { "content-type": "application/json" } : {}), ...options.headers },
    data: options.body === undefined ? undefined : JSON.stringify(options.body),
    maxRedirects: 0,
  });
  return { status: response.status(), text: method === "HEAD" ? "" : await response.text() };
}
