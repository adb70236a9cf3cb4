// With WEBHOOK_ALLOW_PRIVATE_URLS off (the production default; the database
// test projects turn it on for the local receivers), an agent can neither
// register nor be delivered to a target inside the server's own network:
// registration answers 400, and delivery resolves the name first and marks
// the row failed without sending anything, also for a name (localhost, or a
// public-looking one) that resolves to a private address.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { putWebhook } from "@/test-support/agent-api";
import { createWebhookWorld } from "@/test-support/webhook-world";
import { setAgentWebhook } from "@/lib/webhooks/agent-webhook";
import { agentWebhookCommand } from "@/scripts/cli/webhooks";
import { deliverDueWebhooks, type LookupAll } from "@/lib/webhooks/deliver";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), WEBHOOK_ALLOW_PRIVATE_URLS: false }) };
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

const NOT_INTERNAL = "Countersign does not send webhooks into its own network (set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow this for local development)";

const register = putWebhook;

/** An agent with a live receiver on 127.0.0.1 and one decided proposal whose event is due for `url`. */
async function dueDeliveryTo(url: (receiverUrl: string) => string) {
  const w = await createWebhookWorld();
  cleanups.push(w.receiver.close);
  // Stored directly, as a row registered before this check existed (or while private URLs were allowed) would be.
  await setAgentWebhook(w.agent, url(w.receiver.url));
  const [id] = await w.pending();
  await db.$transaction(async (tx) => {
    await tx.proposal.update({ where: { id: id! }, data: { status: "rejected", decidedAt: new Date() } });
    await enqueueProposalEvents(tx, [id!]);
  });
  const load = () => db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });
  return { ...w, load };
}

describe("webhook targets inside the server's network", () => {
  it("are refused at registration with 400 and a readable reason", async () => {
    const w = await createWebhookWorld();
    cleanups.push(w.receiver.close);
    const before = await db.agent.findUniqueOrThrow({ where: { id: w.agent.id }, select: { callbackUrl: true } });
    for (const [url, reason] of [
      [w.receiver.url, "127.0.0.1 is a loopback address"],
      ["http://localhost:8080/hooks", "localhost is an internal host name"],
      ["http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254 is a link-local (cloud metadata) address"],
      ["http://10.1.2.3/cb", "10.1.2.3 is a private address"],
      ["http://[::1]:9000/cb", "[::1] is a loopback address"],
      ["http://metadata.google.internal/", "metadata.google.internal is an internal host name"],
    ]) {
      const problem = `must be reachable on the public internet, but ${reason}; ${NOT_INTERNAL}`;
      const res = await register(w.apiKey, url!);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: "invalid_body", message: `The body is not valid: url ${problem}.`, issues: [{ path: "url", message: problem }] });
    }
    expect(await db.agent.findUniqueOrThrow({ where: { id: w.agent.id }, select: { callbackUrl: true } })).toEqual(before);
    // The command line checks the same way.
    await expect(agentWebhookCommand(w.agent.name, "http://192.168.1.20/cb")).rejects.toThrow(`--url must be reachable on the public internet, but 192.168.1.20 is a private address`);
    // A public address is still accepted (a literal one: a name is resolved at registration, see registration-dns.db.test.ts).
    expect((await register(w.apiKey, "https://93.184.216.34/hooks")).status).toBe(200);
  });

  it("are refused at delivery: marked failed at once, nothing sent", async () => {
    const w = await dueDeliveryTo((url) => url);
    expect(await deliverDueWebhooks({ agentId: w.agent.id })).toEqual({ claimed: 1, delivered: 0, retrying: 0, failed: 1 });
    expect(w.receiver.received).toHaveLength(0);
    const row = await w.load();
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null, lockedUntil: null });
    expect(row.lastError).toBe(`Not sent: the callback URL must be reachable on the public internet, but 127.0.0.1 is a loopback address; ${NOT_INTERNAL}.`);
  });

  it("are refused at delivery by name (localhost) and by what a public-looking name resolves to (127.0.0.1)", async () => {
    const w = await dueDeliveryTo((url) => url.replace("127.0.0.1", "localhost"));
    const seen: string[] = [];
    // The real resolver, watched: a name that passed registration is looked up again before every send.
    const { lookup } = await import("node:dns/promises");
    const watched: LookupAll = async (host) => {
      seen.push(host);
      return lookup(host, { all: true });
    };
    // "localhost" is refused by its name, before any lookup; a public-looking name that resolves there is the test below.
    expect(await deliverDueWebhooks({ agentId: w.agent.id, lookupImpl: watched })).toMatchObject({ failed: 1 });
    expect(w.receiver.received).toHaveLength(0);
    expect((await w.load()).lastError).toContain("but localhost is an internal host name");

    const v = await dueDeliveryTo((url) => url.replace("127.0.0.1", "hooks.agent.example"));
    // hooks.agent.example resolves, like localhost, to 127.0.0.1 (or the attacker re-points it there after registration).
    const rebound: LookupAll = async (host) => {
      seen.push(host);
      return lookup("localhost", { all: true });
    };
    expect(await deliverDueWebhooks({ agentId: v.agent.id, lookupImpl: rebound })).toMatchObject({ claimed: 1, failed: 1 });
    expect(v.receiver.received).toHaveLength(0);
    expect((await v.load()).lastError).toMatch(/^Not sent: the callback URL must be reachable on the public internet, but hooks\.agent\.example resolves to (127\.0\.0\.1|::1), a loopback address;/);
    expect(seen).toEqual(["hooks.agent.example"]);
  });

  it("refuses a name when any one of its addresses is private, sends when all are public, and retries a failed lookup", async () => {
    const sent: string[] = [];
    const fakeFetch: typeof fetch = async (url) => {
      sent.push(String(url));
      return new Response("ok", { status: 200 });
    };
    const mixed = await dueDeliveryTo((url) => url.replace("127.0.0.1", "mixed.agent.example"));
    const lookupMixed: LookupAll = async () => [{ address: "93.184.216.34" }, { address: "fd00:ec2::254" }];
    expect(await deliverDueWebhooks({ agentId: mixed.agent.id, lookupImpl: lookupMixed, fetchImpl: fakeFetch })).toMatchObject({ failed: 1 });
    expect((await mixed.load()).lastError).toContain("but mixed.agent.example resolves to fd00:ec2::254, a unique-local (private) address;");

    const missing = await dueDeliveryTo((url) => url.replace("127.0.0.1", "gone.agent.example"));
    const notFound: LookupAll = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND gone.agent.example"), { code: "ENOTFOUND" });
    };
    expect(await deliverDueWebhooks({ agentId: missing.agent.id, lookupImpl: notFound, fetchImpl: fakeFetch })).toMatchObject({ retrying: 1 });
    expect(await missing.load()).toMatchObject({ status: "pending", attempts: 1, lastError: "Could not resolve gone.agent.example (ENOTFOUND); nothing was sent." });
    expect(sent).toEqual([]);

    const good = await dueDeliveryTo((url) => url.replace("127.0.0.1", "public.agent.example"));
    const lookupPublic: LookupAll = async () => [{ address: "93.184.216.34" }, { address: "2606:2800:220:1::1" }];
    expect(await deliverDueWebhooks({ agentId: good.agent.id, lookupImpl: lookupPublic, fetchImpl: fakeFetch })).toMatchObject({ delivered: 1 });
    expect(sent).toEqual([good.receiver.url.replace("127.0.0.1", "public.agent.example")]);
  });

  it("delivers to a local receiver when private URLs are allowed", async () => {
    const w = await dueDeliveryTo((url) => url);
    expect(await deliverDueWebhooks({ agentId: w.agent.id, allowPrivate: true })).toMatchObject({ delivered: 1 });
    expect(w.receiver.received).toHaveLength(1);
  });

  it("DNS rebinding: a name that answers a public address to the check and 127.0.0.1 to the connection gets nothing sent", async () => {
    const w = await dueDeliveryTo((url) => url.replace("127.0.0.1", "rebind.agent.example"));
    const answers: string[] = [];
    // First answer public (the check before sending passes), every later answer the receiver's loopback address.
    const rebinding: LookupAll = async () => {
      const address = answers.length === 0 ? "93.184.216.34" : "127.0.0.1";
      answers.push(address);
      return [{ address, family: 4 }];
    };
    expect(await deliverDueWebhooks({ agentId: w.agent.id, lookupImpl: rebinding })).toEqual({ claimed: 1, delivered: 0, retrying: 0, failed: 1 });
    // The connection resolved the name itself (second answer) and refused it: nothing reached 127.0.0.1.
    expect(answers).toEqual(["93.184.216.34", "127.0.0.1"]);
    expect(w.receiver.received).toHaveLength(0);
    const row = await w.load();
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
    expect(row.lastError).toBe(`Not sent: the callback URL must be reachable on the public internet, but rebind.agent.example resolves to 127.0.0.1, a loopback address; ${NOT_INTERNAL}.`);
  });

  it("connects to the address the connection's own lookup checked (a public answer is what the socket dials)", async () => {
    const w = await dueDeliveryTo((url) => url.replace("127.0.0.1", "stable.agent.example"));
    const dialled: string[] = [];
    // The name's only address is public; the delivery must dial exactly it (unroutable here: TEST-NET-1, so it fails to connect).
    const lookupPublic: LookupAll = async (host) => {
      dialled.push(host);
      return [{ address: "192.0.2.1", family: 4 }];
    };
    const summary = await deliverDueWebhooks({ agentId: w.agent.id, lookupImpl: lookupPublic, timeoutMs: 1_000 });
    expect(summary).toMatchObject({ claimed: 1, delivered: 0 });
    expect(dialled).toEqual(["stable.agent.example", "stable.agent.example"]);
    expect(w.receiver.received).toHaveLength(0);
  });
});
