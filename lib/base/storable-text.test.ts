import { describe, expect, it } from "vitest";
import { storableText, storableTextOrNull } from "@/lib/base/storable-text";

describe("storableText", () => {
  it("writes U+0000 and lone surrogates as U+FFFD, keeps pairs, and cuts before replacing", () => {
    expect(storableText("a\u0000b", 10)).toBe("a\ufffdb");
    expect(storableText("\ud800x\udc00", 10)).toBe("\ufffdx\ufffd");
    expect(storableText("ok \ud83d\ude00", 10)).toBe("ok \ud83d\ude00");
    // A cut through a pair leaves a lone high surrogate: replaced too.
    expect(storableText("ab\ud83d\ude00", 3)).toBe("ab\ufffd");
    expect(storableTextOrNull(undefined, 5)).toBeNull();
    expect(storableTextOrNull(null, 5)).toBeNull();
  });
});
