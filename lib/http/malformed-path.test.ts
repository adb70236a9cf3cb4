import { describe, expect, it } from "vitest";
import { malformedPath } from "@/lib/http/malformed-path";

describe("malformedPath", () => {
  it("finds percent-encoding that does not decode (Next.js answered these with a 500)", () => {
    for (const path of ["/proposals/%", "/proposals/%ZZ", "/proposals/%ED%A0%80", "/receipts/%E0%A4%A", "/api/auth/%"]) {
      expect(malformedPath(`http://127.0.0.1:3000${path}`), path).toBe(true);
    }
  });

  it("lets decodable paths through, and looks at the path only", () => {
    for (const path of ["/queue", "/proposals/%E2%80%AE", "/proposals/a%2Fb", "/proposals/%F0%9F%98%80", "/queue?q=%", "/queue?q=%ED%A0%80"]) {
      expect(malformedPath(`http://127.0.0.1:3000${path}`), path).toBe(false);
    }
  });
});
