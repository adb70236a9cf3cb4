import { describe, expect, it } from "vitest";
import { MAX_ACTION_BODY_DEPTH, serverActionBodyTooDeep } from "@/lib/http/server-action-depth";

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

function actionCall(body: BodyInit, headers: Record<string, string> = { "content-type": "text/plain;charset=UTF-8" }) {
  return new Request("http://localhost/queue", { method: "POST", headers: { "next-action": "7f00", ...headers }, body });
}

describe("serverActionBodyTooDeep", () => {
  it("refuses a text body nested past the bound, and leaves the body readable", async () => {
    const deep = actionCall(`[{"ids":${nested(10_000)}}]`);
    expect(await serverActionBodyTooDeep(deep)).toBe(true);
    expect((await deep.text()).length).toBeGreaterThan(20_000);
    expect(await serverActionBodyTooDeep(actionCall(`[${nested(MAX_ACTION_BODY_DEPTH)}]`))).toBe(true);
    expect(await serverActionBodyTooDeep(actionCall(nested(MAX_ACTION_BODY_DEPTH)))).toBe(false);
  });

  it("counts brackets inside strings as text", async () => {
    expect(await serverActionBodyTooDeep(actionCall(JSON.stringify([{ note: "[".repeat(10_000) }])))).toBe(false);
  });

  it("reads each field of a multipart form", async () => {
    const form = new FormData();
    form.set("1_$ACTION_ID_7f00", "");
    form.set("0", `[{"ids":${nested(10_000)}}]`);
    expect(await serverActionBodyTooDeep(actionCall(form, {}))).toBe(true);
    const fine = new FormData();
    fine.set("0", `[{"ids":["a","b"]}]`);
    expect(await serverActionBodyTooDeep(actionCall(fine, {}))).toBe(false);
  });

  it("leaves other requests alone", async () => {
    const notAnAction = new Request("http://localhost/api/auth/callback/credentials", { method: "POST", body: nested(10_000) });
    expect(await serverActionBodyTooDeep(notAnAction)).toBe(false);
    expect(await serverActionBodyTooDeep(new Request("http://localhost/queue", { headers: { "next-action": "7f00" } }))).toBe(false);
  });
});
