import { describe, expect, it } from "vitest";
import { safeCallback, sameOriginPath } from "@/lib/auth/safe-callback";

const ORIGIN = "https://countersign.example";

describe("sign-in callback URLs", () => {
  it.each([
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "//evil.example",
    "/%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    "/%255Cevil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    " //evil.example",
    "https://evil.example/queue",
    "http://countersign.example/queue", // another scheme is another origin
    "//countersign.example@evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("refuses %j", (value) => {
    expect(sameOriginPath(value, ORIGIN)).toBeNull();
    expect(safeCallback(value, ORIGIN)).toBe("/queue");
  });

  it.each([
    ["/queue", "/queue"],
    ["/proposals/abc?tab=history#receipts", "/proposals/abc?tab=history#receipts"],
    ["/queue?q=a%20b", "/queue?q=a%20b"],
    ["https://countersign.example/receipts", "/receipts"],
  ])("keeps %j on this site", (value, expected) => {
    expect(sameOriginPath(value, ORIGIN)).toBe(expected);
  });
});
