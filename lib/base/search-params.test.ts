import { describe, expect, it } from "vitest";
import { firstValues } from "@/lib/base/search-params";

describe("firstValues", () => {
  it("keeps the first non-empty value of each key", () => {
    expect(firstValues(new URLSearchParams("q=a&q=b&status=&sort=oldest"))).toEqual({ q: "a", sort: "oldest" });
    expect(firstValues({ q: ["x", "y"], agent: undefined, queue: "ap" })).toEqual({ q: "x", queue: "ap" });
  });

  it("drops a value holding U+0000 (PostgreSQL refuses it in any statement, so a filter on it made the page an error)", () => {
    expect(firstValues(new URLSearchParams("q=a%00b&agent=bot&decider=%00"))).toEqual({ agent: "bot" });
    expect(firstValues({ actor: "a\u0000b", code: "forbidden" })).toEqual({ code: "forbidden" });
  });
});
