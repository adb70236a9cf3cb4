// Registration resolves the callback's host name and refuses it when any
// address is private, by delivery's rule. A fake resolver: no real DNS here.
import { describe, expect, it } from "vitest";
import { checkCallbackHost, checkRegisteredCallbackUrl } from "@/lib/webhooks/callback-host";
import type { LookupAll } from "@/lib/webhooks/guarded-dispatcher";

const NOT_INTERNAL = "Countersign does not send webhooks into its own network (set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow this for local development)";

const ANSWERS: Record<string, string[]> = {
  "public.agent.example": ["93.184.216.34", "2606:2800:220:1::1"],
  "loopback.agent.example": ["127.0.0.1"],
  "metadata.agent.example": ["169.254.169.254"],
  "ula.agent.example": ["fd12:3456::1"],
  "nat64.agent.example": ["64:ff9b:1::a00:1"],
  "mixed.agent.example": ["93.184.216.34", "10.0.0.7"],
  "empty.agent.example": [],
};

const asked: string[] = [];
const fakeLookup: LookupAll = async (host) => {
  asked.push(host);
  const answer = ANSWERS[host];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return answer.map((address) => ({ address }));
};
const check = (url: string) => checkCallbackHost(url, { allowPrivate: false, lookup: fakeLookup });

describe("checkCallbackHost", () => {
  it("accepts a name whose every address is public", async () => {
    expect(await check("https://public.agent.example/hooks")).toBeNull();
  });

  it.each([
    ["loopback.agent.example", "127.0.0.1, a loopback address"],
    ["metadata.agent.example", "169.254.169.254, a link-local (cloud metadata) address"],
    ["ula.agent.example", "fd12:3456::1, a unique-local (private) address"],
    ["nat64.agent.example", "64:ff9b:1::a00:1, a local-use NAT64 address"],
    // One private address among public ones refuses the name: the client may connect to any.
    ["mixed.agent.example", "10.0.0.7, a private address"],
  ])("refuses %s, which resolves into the server's network", async (host, what) => {
    expect(await check(`https://${host}/hooks`)).toBe(`must be reachable on the public internet, but ${host} resolves to ${what}; ${NOT_INTERNAL}`);
  });

  it("refuses a name that does not resolve, or has no addresses", async () => {
    expect(await check("https://gone.agent.example/hooks")).toBe("must name a host that resolves, but gone.agent.example does not resolve (ENOTFOUND); check the name");
    expect(await check("https://empty.agent.example/hooks")).toBe("must name a host that resolves, but empty.agent.example has no addresses; check the name");
    const servfail: LookupAll = async () => {
      throw Object.assign(new Error("queryA ESERVFAIL"), { code: "ESERVFAIL" });
    };
    expect(await checkCallbackHost("https://flaky.agent.example/", { allowPrivate: false, lookup: servfail })).toBe(
      "must name a host that resolves, but flaky.agent.example could not be resolved (ESERVFAIL); try again later",
    );
  });

  it("refuses a name whose lookup does not answer in time", async () => {
    const never: LookupAll = () => new Promise(() => {});
    const started = Date.now();
    expect(await checkCallbackHost("https://slow.agent.example/", { allowPrivate: false, lookup: never, timeoutMs: 50 })).toBe(
      "must name a host that resolves, but looking up slow.agent.example took longer than 0.05 s; try again later",
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("resolves nothing for literal addresses and internal names, nor when private URLs are allowed", async () => {
    asked.length = 0;
    expect(await check("http://93.184.216.34/cb")).toBeNull();
    expect(await check("http://127.0.0.1/cb")).toContain("but 127.0.0.1 is a loopback address");
    expect(await check("http://redis.internal/cb")).toContain("but redis.internal is an internal host name");
    expect(await checkCallbackHost("https://loopback.agent.example/", { allowPrivate: true, lookup: fakeLookup })).toBeNull();
    expect(await checkCallbackHost("https://gone.agent.example/", { allowPrivate: true, lookup: fakeLookup })).toBeNull();
    expect(asked).toEqual([]);
  });
});

describe("checkRegisteredCallbackUrl", () => {
  it("checks the form first, then the name", async () => {
    const options = { allowPrivate: false, lookup: fakeLookup };
    expect(await checkRegisteredCallbackUrl("ftp://public.agent.example/", options)).toEqual({ ok: false, message: "must use http or https, not ftp" });
    expect(await checkRegisteredCallbackUrl(" https://public.agent.example/hooks ", options)).toEqual({ ok: true, url: "https://public.agent.example/hooks" });
    expect(await checkRegisteredCallbackUrl("https://loopback.agent.example/hooks", options)).toMatchObject({ ok: false, message: expect.stringContaining("loopback.agent.example resolves to 127.0.0.1") });
  });
});
