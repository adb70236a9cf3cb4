import { invalidEnvelope } from "@/lib/http/api-error";
import { describe, expect, it } from "vitest";
import { readEnvelopeBody } from "@/lib/proposals/read-envelope-body";
import { AppError } from "@/lib/base/app-error";
import { MAX_BODY_BYTES, validateEnvelope } from "@/lib/proposals/envelope";
import { sampleEnvelope } from "@/test-support/fixtures";

const valid = () => JSON.parse(JSON.stringify(sampleEnvelope("accounts-payable"))) as Record<string, any>;
const paths = (body: unknown) => {
  const result = validateEnvelope(body);
  return result.ok ? [] : result.issues.map((i) => i.path);
};
const messageAt = (body: unknown, path: string) => {
  const result = validateEnvelope(body);
  return result.ok ? undefined : result.issues.find((i) => i.path === path)?.message;
};

describe("validateEnvelope", () => {
  it("accepts the contract's example and a minimal envelope", () => {
    expect(validateEnvelope(valid()).ok).toBe(true);
    const minimal = {
      queue: "q",
      intent: "x",
      title: "T",
      actor: { type: "user", id: "u1" },
      scopes: ["a:read"],
      plan: [{ title: "s", tool: "t", scope: "a:read", args: {} }],
    };
    expect(validateEnvelope(minimal)).toEqual({ ok: true, envelope: minimal });
  });

  it.each(["queue", "intent", "title", "actor", "scopes", "plan"])("requires %s", (field) => {
    const body = valid();
    delete body[field];
    expect(paths(body)).toContain(field);
    expect(messageAt(body, field)).toBe("is required");
  });

  it("says a body that is not an object must be one, in one sentence", () => {
    for (const body of [[1], "x", 3, null]) {
      const result = validateEnvelope(body);
      expect(result).toEqual({ ok: false, issues: [{ path: "(body)", message: "must be a JSON object" }] });
      if (!result.ok) expect(invalidEnvelope(result.issues).message).toBe("The proposal envelope is not valid. The body must be a JSON object.");
    }
  });

  it("says what a field of the wrong type must be, rather than that it is required", () => {
    const body = valid();
    body.title = 5;
    body.plan[1].args = "x";
    expect(messageAt(body, "title")).toMatch(/expected string, received number/);
    expect(messageAt(body, "plan[1].args")).toMatch(/expected record, received string/);
  });

  it.each(["title", "tool", "scope", "args"])("requires plan step field %s", (field) => {
    const body = valid();
    delete body.plan[1][field];
    expect(paths(body)).toEqual([`plan[1].${field}`]);
  });

  it("requires at least one scope and one plan step", () => {
    expect(paths({ ...valid(), scopes: [] })).toContain("scopes");
    expect(paths({ ...valid(), plan: [] })).toEqual(["plan"]);
  });

  it("refuses unknown fields at every level, and claims of status or agent identity", () => {
    const body = valid();
    body.status = "approved";
    body.extra = 1;
    body.agent.id = "other-agent";
    body.actor.role = "admin";
    body.plan[0].note = "x";
    expect(paths(body).sort()).toEqual(["actor.role", "agent.id", "extra", "plan[0].note", "status"]);
    expect(messageAt(body, "status")).toMatch(/set by Countersign/);
    expect(messageAt(body, "agent.id")).toMatch(/API key/);
  });

  it("refuses wrong types with their paths", () => {
    const body = valid();
    body.title = 42;
    body.scopes = "ap:commit";
    body.plan[0].args = [];
    body.risk = "extreme";
    body.expires_at = "tomorrow";
    body.trace = { conversation_id: 5 };
    expect(paths(body).sort()).toEqual(["expires_at", "plan[0].args", "risk", "scopes", "title", "trace.conversation_id"]);
  });

  it("refuses a non-object body", () => {
    expect(paths([])).toEqual(["(body)"]);
    expect(paths("x")).toEqual(["(body)"]);
    expect(paths(null)).toEqual(["(body)"]);
  });

  it("checks changes are field changes or text changes", () => {
    const body = valid();
    body.changes = [{ target: { type: "t", id: "1" }, format: "text", before: "", after: 3 }, { target: { type: "t", id: "2" } }];
    expect(paths(body)).toEqual(["changes[0]", "changes[1]"]);
  });

  it("requires each plan step's scope to be one of the proposal's scopes", () => {
    const body = valid();
    body.scopes = ["ap:read", "ap:commit"];
    expect(paths(body)).toEqual(["plan[1].scope"]);
  });

  it("refuses malformed scopes and an expiry in the past", () => {
    expect(paths({ ...valid(), scopes: ["ap:read", "ap:write:draft", "ap:commit", "ap:sudo"] })).toEqual(["scopes[3]"]);
    expect(paths({ ...valid(), expires_at: "2001-01-01T00:00:00Z" })).toEqual(["expires_at"]);
  });

  it("accepts any JSON in args, inputs and field values", () => {
    const body = valid();
    body.inputs = { n: 1.5, nested: { list: [null, true, "x"] } };
    body.changes = [{ target: { type: "t", id: "1" }, fields: [{ path: "a.b", before: { x: [1] }, after: null }] }];
    expect(validateEnvelope(body).ok).toBe(true);
  });

  // The schema takes args, inputs and field values unchecked (envelope.ts says why): this is the check that stands for it.
  it("refuses what JSON cannot hold in args, inputs and field values, a body built in code being the only way in", () => {
    const body = valid();
    body.inputs = { when: new Date(0), skip: undefined };
    body.plan[0].args = { count: 10n };
    body.changes = [{ target: { type: "t", id: "1" }, fields: [{ path: "a", before: new Map(), after: () => 1 }] }];
    const result = validateEnvelope(body);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: "inputs.when", message: "is not a JSON value (an instance of Date)" },
      { path: "inputs.skip", message: "is not a JSON value (undefined)" },
      { path: "plan[0].args.count", message: "is not a JSON value (a bigint)" },
      { path: "changes[0].fields[0].before", message: "is not a JSON value (an instance of Map)" },
      { path: "changes[0].fields[0].after", message: "is not a JSON value (a function)" },
    ]);
    // A class instance anywhere, not just in the free-form fields.
    expect(paths({ ...valid(), actor: Object.assign(Object.create({ inherited: 1 }), { type: "user", id: "u1" }) })).toEqual(["actor"]);
  });
});

describe("readEnvelopeBody", () => {
  const request = (body: string, type = "application/json") =>
    new Request("http://x/", { method: "POST", headers: { "content-type": type }, body });

  it("parses JSON bodies up to the limit", async () => {
    await expect(readEnvelopeBody(request('{"a":1}'), MAX_BODY_BYTES)).resolves.toEqual({ a: 1 });
    await expect(readEnvelopeBody(request('{"a":1}', "application/json; charset=utf-8"), MAX_BODY_BYTES)).resolves.toEqual({ a: 1 });
  });

  it("refuses oversize bodies with 413, other media types with 415, bad JSON with 400", async () => {
    const big = JSON.stringify({ blob: "x".repeat(MAX_BODY_BYTES) });
    await expect(readEnvelopeBody(request(big), MAX_BODY_BYTES)).rejects.toMatchObject({ httpStatus: 413, code: "payload_too_large" });
    const exactly = `"${"x".repeat(MAX_BODY_BYTES - 2)}"`;
    await expect(readEnvelopeBody(request(exactly), MAX_BODY_BYTES)).resolves.toHaveLength(MAX_BODY_BYTES - 2);
    await expect(readEnvelopeBody(request("{}", "text/plain"), MAX_BODY_BYTES)).rejects.toMatchObject({ httpStatus: 415 });
    await expect(readEnvelopeBody(request("{", "application/json"), MAX_BODY_BYTES)).rejects.toBeInstanceOf(AppError);
    await expect(readEnvelopeBody(request("", "application/json"), MAX_BODY_BYTES)).rejects.toMatchObject({ httpStatus: 400 });
  });
});
