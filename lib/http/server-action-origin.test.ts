import { describe, expect, it } from "vitest";
import { crossOriginServerAction } from "@/lib/http/server-action-origin";

const action = (headers: Record<string, string>, method = "POST") =>
  new Request("http://127.0.0.1:3000/queue", { method, headers: { "next-action": "abc123", host: "127.0.0.1:3000", ...headers } });

describe("crossOriginServerAction", () => {
  it("lets this site's own calls through, and calls without Origin (Next.js decides those)", () => {
    expect(crossOriginServerAction(action({ origin: "http://127.0.0.1:3000" }), 0)).toBe(false);
    expect(crossOriginServerAction(action({}), 0)).toBe(false);
  });

  it("refuses another site, an opaque origin and an Origin that cannot be parsed (each a 500 inside Next.js)", () => {
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:3000.evil.example", "http://127.0.0.1:30000", "not a url"]) {
      expect(crossOriginServerAction(action({ origin }), 0), origin).toBe(true);
    }
  });

  it("does not take X-Forwarded-Host from the client when no proxy is trusted; behind a trusted proxy it is the proxy's", () => {
    const spoofed = action({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(crossOriginServerAction(spoofed, 0)).toBe(true);
    expect(crossOriginServerAction(spoofed, 1)).toBe(false);
    const proxied = action({ origin: "https://app.example.com", host: "10.0.0.5:3000", "x-forwarded-host": "app.example.com, 10.0.0.1" });
    expect(crossOriginServerAction(proxied, 1)).toBe(false);
    expect(crossOriginServerAction(proxied, 0)).toBe(true);
  });

  it("looks only at server action calls", () => {
    expect(crossOriginServerAction(new Request("http://127.0.0.1:3000/queue", { method: "POST", headers: { origin: "https://evil.example" } }), 0)).toBe(false);
    expect(crossOriginServerAction(action({ origin: "https://evil.example" }, "GET"), 0)).toBe(false);
  });
});
