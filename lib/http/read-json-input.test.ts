// The small-body reader's issues: a field that is missing is "is required"; a
// field that is there with the wrong type says what was expected. (Zod 4 keeps
// an issue's input only when asked, so every wrong type read "is required":
// `{"token": 123}` was told to send a token it had sent.)
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { readJsonInput } from "@/lib/http/read-json-input";

const schema = z.strictObject({ token: z.string().min(1), nested: z.object({ n: z.number() }).optional() });
const request = (body: string) => new Request("http://x/", { method: "POST", headers: { "content-type": "application/json" }, body });
const issuesOf = async (body: string) => {
  try {
    await readJsonInput(request(body), schema, 1024);
  } catch (error) {
    return (error as { details: { issues: unknown } }).details.issues;
  }
  throw new Error("accepted");
};

describe("readJsonInput", () => {
  it("says a missing field is required, and a field of the wrong type what it must be", async () => {
    expect(await issuesOf("{}")).toEqual([{ path: "token", message: "is required" }]);
    expect(await issuesOf('{"token": null}')).toEqual([{ path: "token", message: expect.stringMatching(/expected string, received null/) }]);
    expect(await issuesOf('{"token": 123}')).toEqual([{ path: "token", message: expect.stringMatching(/expected string, received number/) }]);
    expect(await issuesOf('{"token": "t", "nested": {"n": "1"}}')).toEqual([{ path: "nested.n", message: expect.stringMatching(/expected number, received string/) }]);
    expect(await issuesOf('{"token": "t", "nested": {}}')).toEqual([{ path: "nested.n", message: "is required" }]);
    expect(await issuesOf("[1]")).toEqual([{ path: "(body)", message: expect.stringMatching(/expected object, received array/) }]);
  });
});
