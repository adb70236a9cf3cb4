// Every place a webhook URL is registered (the agent API, the command line, a
// queue's chat webhook) resolves the host name and refuses one that resolves
// into the server's network, with a readable 400, storing nothing; before,
// these got a 200 and then deliveries that silently failed. WEBHOOK_ALLOW_PRIVATE_URLS
// is off here (the production default) and the resolver is a fake table: no real DNS.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { putWebhook } from "@/test-support/agent-api";
import { setQueueNotificationSettings } from "@/lib/notifications/queue-settings";
import type { LookupAll } from "@/lib/webhooks/guarded-dispatcher";
import { agentWebhookCommand } from "@/scripts/cli/webhooks";
import { createTestWorld } from "@/test-support/fixtures";
import { createTestUser } from "@/test-support/users";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), WEBHOOK_ALLOW_PRIVATE_URLS: false }) };
});

const ANSWERS: Record<string, string[]> = {
  "public.agent.example": ["93.184.216.34"],
  "loopback.agent.example": ["127.0.0.1", "::1"],
  "mixed.agent.example": ["93.184.216.34", "169.254.169.254"],
};
const fakeLookup: LookupAll = async (host) => {
  const answer = ANSWERS[host];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return answer.map((address) => ({ address }));
};

// The route takes no resolver: its default one is replaced.
vi.mock("@/lib/webhooks/guarded-dispatcher", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/webhooks/guarded-dispatcher")>();
  return { ...actual, lookupAll: (host: string) => fakeLookup(host) };
});

const NOT_INTERNAL = "Countersign does not send webhooks into its own network (set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow this for local development)";

const register = putWebhook;

const callbackOf = async (agentId: string) => (await db.agent.findUniqueOrThrow({ where: { id: agentId }, select: { callbackUrl: true } })).callbackUrl;

afterEach(() => vi.clearAllMocks());

describe("registering a webhook whose host name resolves into the server's network", () => {
  it("is a 400 naming the host and the private address, and nothing is stored", async () => {
    const w = await createTestWorld();
    for (const [url, problem] of [
      ["https://loopback.agent.example/hooks", `must be reachable on the public internet, but loopback.agent.example resolves to 127.0.0.1, a loopback address; ${NOT_INTERNAL}`],
      // Both public and private: refused, the client may connect to either.
      ["https://mixed.agent.example/hooks", `must be reachable on the public internet, but mixed.agent.example resolves to 169.254.169.254, a link-local (cloud metadata) address; ${NOT_INTERNAL}`],
      // Nothing could ever be delivered to a name that does not resolve.
      ["https://gone.agent.example/hooks", "must name a host that resolves, but gone.agent.example does not resolve (ENOTFOUND); check the name"],
    ]) {
      const res = await register(w.apiKey, url!);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: "invalid_body", message: `The body is not valid: url ${problem}.`, issues: [{ path: "url", message: problem }] });
    }
    expect(await callbackOf(w.agent.id)).toBeNull();

    const ok = await register(w.apiKey, "https://public.agent.example/hooks");
    expect(ok.status).toBe(200);
    expect(ok.body.url).toBe("https://public.agent.example/hooks");
    expect(await callbackOf(w.agent.id)).toBe("https://public.agent.example/hooks");
  });

  it("is refused by the command line the same way", async () => {
    const w = await createTestWorld();
    await expect(agentWebhookCommand(w.agent.name, "https://loopback.agent.example/cb", { lookup: fakeLookup })).rejects.toMatchObject({
      kind: "invalid",
      message: `--url must be reachable on the public internet, but loopback.agent.example resolves to 127.0.0.1, a loopback address; ${NOT_INTERNAL}`,
    });
    await expect(agentWebhookCommand(w.agent.name, "https://gone.agent.example/cb", { lookup: fakeLookup })).rejects.toMatchObject({ kind: "invalid" });
    expect(await callbackOf(w.agent.id)).toBeNull();
    const lines = await agentWebhookCommand(w.agent.name, "https://public.agent.example/cb", { lookup: fakeLookup });
    expect(lines[0]).toBe(`Agent ${w.agent.name} now receives signed webhooks at https://public.agent.example/cb.`);
  });

  it("is refused as a queue's chat webhook the same way", async () => {
    const w = await createTestWorld();
    const admin = await createTestUser("admin");
    const save = (chatWebhookUrl: string) => setQueueNotificationSettings(admin, { queueId: w.queue.id, chatWebhookUrl, chatFormat: "json" }, { lookup: fakeLookup });
    await expect(save("https://mixed.agent.example/chat")).rejects.toMatchObject({
      kind: "invalid",
      message: `The chat webhook URL must be reachable on the public internet, but mixed.agent.example resolves to 169.254.169.254, a link-local (cloud metadata) address; ${NOT_INTERNAL}.`,
    });
    expect(await db.queueNotificationSetting.findUnique({ where: { queueId: w.queue.id } })).toBeNull();
    expect((await save("https://public.agent.example/chat")).chatWebhookUrl).toBe("https://public.agent.example/chat");
  });
});
