import { describe, expect, it } from "vitest";
import { MAX_SIGN_IN_EMAIL_LENGTH, signInEmail } from "@/lib/auth/sign-in-email";

describe("signInEmail", () => {
  it("trims and lower-cases what an account could have", () => {
    expect(signInEmail("  Dana@Countersign.dev ")).toBe("dana@countersign.dev");
    expect(signInEmail(`${"a".repeat(MAX_SIGN_IN_EMAIL_LENGTH - 2)}@b`)).toHaveLength(MAX_SIGN_IN_EMAIL_LENGTH);
  });

  it("refuses, before the attempt is written, an email no account can have", () => {
    expect(signInEmail("")).toBeNull();
    expect(signInEmail(undefined)).toBeNull();
    expect(signInEmail(`${"a".repeat(MAX_SIGN_IN_EMAIL_LENGTH)}@b`)).toBeNull();
    expect(signInEmail("a".repeat(1_000_000))).toBeNull();
    expect(signInEmail("dana\u0000@countersign.dev")).toBeNull();
  });
});
