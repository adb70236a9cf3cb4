import { describe, expect, it } from "vitest";
import { checkCallbackUrl } from "@/lib/webhooks/callback-url";

describe("checkCallbackUrl", () => {
  it("accepts absolute http and https URLs", () => {
    expect(checkCallbackUrl("https://agent.example/hooks?x=1")).toEqual({ ok: true, url: "https://agent.example/hooks?x=1" });
    expect(checkCallbackUrl(" http://127.0.0.1:8080/cb ")).toEqual({ ok: true, url: "http://127.0.0.1:8080/cb" });
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
