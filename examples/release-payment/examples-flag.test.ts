// The example payment tool is demo code: without EXAMPLES=true it is not served (404, nothing read).
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  delete process.env.EXAMPLES;
});

import { POST } from "@/app/api/examples/release-payment/route";

describe("the example payment tool", () => {
  it("answers 404 unless EXAMPLES=true", async () => {
    const response = await POST(
      new Request("http://countersign.test/api/examples/release-payment", {
        method: "POST",
        headers: { "content-type": "application/json", "countersign-approval": "x.y.z" },
        body: JSON.stringify({ payment_id: "pay-1" }),
      }),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: expect.stringMatching(/EXAMPLES=true/) } });
  });
});
