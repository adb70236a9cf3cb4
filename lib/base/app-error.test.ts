import { describe, expect, it } from "vitest";
import { AppError, HTTP_STATUS_OF_KIND, kindOfStatus } from "@/lib/base/app-error";

describe("AppError kinds", () => {
  it("maps every status the API answers with to a kind and back (a missing one would be a 500)", () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 429, 503]) {
      expect(HTTP_STATUS_OF_KIND[kindOfStatus(status)]).toBe(status);
    }
    expect(new AppError("unprocessable", "idempotency_key_reused", "x").httpStatus).toBe(422);
  });
});
