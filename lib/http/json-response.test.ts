// JsonResponse keeps its text for the lean agent API and still behaves as a
// Response with that body for every other reader (Next.js, tests, clients).
import { describe, expect, it } from "vitest";
import { JsonResponse } from "@/lib/http/json-response";

const TEXT = JSON.stringify({ id: "p1", note: "wörld ✓" });
const made = () => new JsonResponse(TEXT, { status: 201, headers: { "content-type": "application/json; charset=utf-8", location: "/p1" } });

describe("JsonResponse", () => {
  it("is a Response with its status and headers, and keeps its text", () => {
    const response = made();
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get("location")).toBe("/p1");
    expect(response.jsonText).toBe(TEXT);
    expect(response.bodyUsed).toBe(false);
  });

  it("reads as the same bytes through text(), json(), arrayBuffer(), bytes(), blob() and the body stream, once each", async () => {
    expect(await made().text()).toBe(TEXT);
    expect(await made().json()).toEqual(JSON.parse(TEXT));
    expect(Buffer.from(await made().arrayBuffer()).toString("utf8")).toBe(TEXT);
    expect(Buffer.from(await made().bytes()).toString("utf8")).toBe(TEXT);
    expect(await (await made().blob()).text()).toBe(TEXT);
    const streamed = made();
    expect(await new Response(streamed.body).text()).toBe(TEXT);
    expect(streamed.bodyUsed).toBe(true);

    const once = made();
    await once.text();
    expect(once.bodyUsed).toBe(true);
    await expect(once.json()).rejects.toThrow(TypeError);
    expect(() => once.clone()).toThrow(TypeError);
  });

  it("passes its body on as Next.js does (new Response(res.body, res)), with headers set after it was made", async () => {
    const response = made();
    response.headers.set("x-request-id", "r1");
    const forwarded = new Response(response.body, { status: response.status, headers: response.headers });
    expect(forwarded.status).toBe(201);
    expect(forwarded.headers.get("x-request-id")).toBe("r1");
    expect(await forwarded.text()).toBe(TEXT);
  });

  it("clones into an independent response with the same text, status and headers", async () => {
    const original = made();
    const copy = original.clone();
    copy.headers.set("x-copy", "1");
    expect(original.headers.get("x-copy")).toBeNull();
    expect(await copy.json()).toEqual(JSON.parse(TEXT));
    expect(await original.text()).toBe(TEXT);
    expect(copy.status).toBe(201);
  });
});
