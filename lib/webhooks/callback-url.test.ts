import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { checkCallbackUrl } from "@/lib/webhooks/callback-url";

describe("checkCallbackUrl", () => {
  it("accepts absolute http and https URLs", () => {
    expect(checkCallbackUrl("https://agent.example/hooks?x=1")).toEqual({ ok: true, url: "https://agent.example/hooks?x=1" });
    expect(checkCallbackUrl(" http://93.184.216.34:8080/cb ")).toEqual({ ok: true, url: "http://93.184.216.34:8080/cb" });
  });

  it("accepts local targets only when private URLs are allowed (local development and tests)", () => {
    expect(checkCallbackUrl(" http://127.0.0.1:8080/cb ", { allowPrivate: true })).toEqual({ ok: true, url: "http://127.0.0.1:8080/cb" });
    expect(checkCallbackUrl("http://localhost:3000/cb", { allowPrivate: true })).toEqual({ ok: true, url: "http://localhost:3000/cb" });
    // The unit project sets no WEBHOOK_ALLOW_PRIVATE_URLS: the default is to refuse.
    expect(checkCallbackUrl("http://127.0.0.1:8080/cb").ok).toBe(false);
  });

  it("reads WEBHOOK_ALLOW_PRIVATE_URLS as a boolean that is off unless set", () => {
    expect(parseEnv({}).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(false);
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "false" }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(false);
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "true" }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(true);
    expect(() => parseEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "yes" })).toThrow("WEBHOOK_ALLOW_PRIVATE_URLS must be true or false");
  });

  it.each([
    ["http://127.0.0.1:8080/cb", "but 127.0.0.1 is a loopback address"],
    ["http://2130706433/cb", "but 127.0.0.1 is a loopback address"], // the URL parser normalises 2130706433 and 0x7f.1
    ["http://0x7f.1/cb", "but 127.0.0.1 is a loopback address"],
    ["http://169.254.169.254/latest/meta-data/", "but 169.254.169.254 is a link-local (cloud metadata) address"],
    ["http://10.0.0.5/cb", "but 10.0.0.5 is a private address"],
    ["http://172.20.1.1/cb", "but 172.20.1.1 is a private address"],
    ["http://192.168.0.10/cb", "but 192.168.0.10 is a private address"],
    ["http://0.0.0.0:8080/cb", "but 0.0.0.0 is an unspecified address"],
    ["http://[::1]/cb", "but [::1] is a loopback address"],
    ["http://[fd00::5]/cb", "but [fd00::5] is a unique-local (private) address"],
    ["http://[fe80::1]/cb", "but [fe80::1] is a link-local address"],
    ["http://[::ffff:127.0.0.1]/cb", "but [::ffff:7f00:1] is a loopback address"],
    ["http://localhost:3000/cb", "but localhost is an internal host name"],
    ["http://metadata.google.internal/computeMetadata/v1/", "but metadata.google.internal is an internal host name"],
    ["http://redis:6379/", "but redis is an internal host name (no domain)"],
  ])("refuses the internal target %s", (input, reason) => {
    const result = checkCallbackUrl(input, { allowPrivate: false });
    expect(result).toEqual({
      ok: false,
      message: `must be reachable on the public internet, ${reason}; Countersign does not send webhooks into its own network (set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow this for local development)`,
    });
  });

  it.each([
    [undefined, "must be an absolute http(s) URL"],
    ["", "must be an absolute http(s) URL"],
    ["agent.example/hooks", "must be an absolute URL"],
    ["ftp://agent.example/hooks", "not ftp"],
    ["file:///etc/passwd", "not file"],
    ["javascript:alert(1)", "not javascript"],
    ["https://user:pw@agent.example/", "must not contain credentials"],
    ["https://agent.example/#frag", "#fragment"],
    [`https://agent.example/${"a".repeat(2001)}`, "at most 2000 characters"],
  ])("refuses %s", (input, message) => {
    const result = checkCallbackUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
