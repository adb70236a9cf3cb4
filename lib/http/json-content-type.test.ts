// JSON bodies are UTF-8 (RFC 8259): a declared charset that is not UTF-8 is a
// 415 naming what is accepted, for every reader of JSON bodies (read-json.ts and
// the two phrasings of it: small bodies and proposal envelopes).
import { describe, expect, it } from "vitest";
import { jsonContentTypeProblem } from "@/lib/http/json-content-type";
import { readJson } from "@/lib/http/read-json";
import { readJsonInput } from "@/lib/http/read-json-input";
import { readEnvelopeBody } from "@/lib/proposals/read-envelope-body";
import { z } from "zod";

const request = (type: string, body = '{"a":"é"}') => new Request("http://x/", { method: "POST", headers: { "content-type": type }, body });

describe("jsonContentTypeProblem", () => {
  it("accepts JSON with no charset or a UTF-8 one, any case, quoted or not", () => {
    for (const type of [
      "application/json",
      "application/json;",
      "application/json; charset=utf-8",
      "application/json;charset=UTF-8",
      'application/json; charset="utf-8"',
      "application/json ; CHARSET = Utf-8 ",
      "application/json; charset=utf8",
      "application/problem+json; charset=utf-8",
      "application/json; version=2",
    ]) {
      expect(jsonContentTypeProblem(type), type).toBeNull();
    }
  });

  it("refuses another charset, whatever its spelling", () => {
    for (const [type, charset] of [
      ["application/json; charset=latin1", "latin1"],
      ["application/json; charset=ISO-8859-1", "ISO-8859-1"],
      ['application/json; charset="utf-16"', "utf-16"],
      ["application/json;charset=UTF-16LE", "UTF-16LE"],
      ["application/json; charset=utf-32", "utf-32"],
      ["application/json; charset=", ""],
      ["application/json; charset=nonsense-\u00ff", "nonsense-\u00ff"],
      // Two charsets: one that is not UTF-8 is enough to refuse.
      ["application/json; charset=utf-8; charset=windows-1252", "windows-1252"],
    ] as const) {
      expect(jsonContentTypeProblem(type), type).toEqual({ kind: "charset", charset });
    }
  });

  it("refuses what is not JSON", () => {
    for (const type of [null, "", "text/plain", "text/json", "application/jsonx", "application/x-www-form-urlencoded; charset=utf-8"]) {
      expect(jsonContentTypeProblem(type), String(type)).toEqual({ kind: "not_json" });
    }
  });
});

describe("the body readers", () => {
  it("read a UTF-8 body with or without charset=utf-8", async () => {
    await expect(readJson(request("application/json"), 1024)).resolves.toEqual({ a: "é" });
    await expect(readJson(request("application/json; charset=UTF-8"), 1024)).resolves.toEqual({ a: "é" });
  });

  it("refuse a latin1 or utf-16 body with 415 naming the charset and what is accepted", async () => {
    const latin1 = new Request("http://x/", { method: "POST", headers: { "content-type": "application/json; charset=latin1" }, body: Buffer.from('{"a":"\u00e9"}', "latin1") });
    const refused = readJson(latin1, 1024);
    await expect(refused).rejects.toMatchObject({ httpStatus: 415, code: "unsupported_media_type", details: { charset: "latin1" } });
    await expect(readJson(request("application/json; charset=latin1"), 1024)).rejects.toThrow(/charset "latin1" is not accepted.*application\/json; charset=utf-8/);
    // A body that happens to be valid UTF-8 too is refused all the same: the client meant other characters.
    await expect(readJson(request('application/json; charset="UTF-16"', '{"a":1}'), 1024)).rejects.toMatchObject({ httpStatus: 415 });
  });

  it("keep the charset message in the small-body and envelope phrasings", async () => {
    await expect(readJsonInput(request("application/json; charset=iso-8859-1"), z.object({ a: z.string() }), 1024)).rejects.toMatchObject({
      httpStatus: 415,
      message: expect.stringContaining('charset "iso-8859-1"'),
    });
    await expect(readEnvelopeBody(request("application/json; charset=iso-8859-1"), 1024)).rejects.toMatchObject({
      httpStatus: 415,
      message: expect.stringContaining('charset "iso-8859-1"'),
    });
    await expect(readEnvelopeBody(request("text/plain"), 1024)).rejects.toMatchObject({ httpStatus: 415, message: expect.stringContaining("Send the proposal as JSON") });
  });
});
