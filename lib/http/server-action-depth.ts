// A server action's arguments arrive as JSON (or as JSON fields of a
// multipart form) that React decodes with JSON.parse and a reviver before any
// of our code runs. The reviver recurses once per level, so a body nested a
// few thousand levels deep overflows the stack inside Next.js: a 500 that any
// caller, signed in or not, can provoke with an action id from the page's
// script. The proxy (proxy.ts) refuses such a body first, with a 400.
//
// Our actions take at most MAX_JSON_DEPTH (64) levels of arguments and refuse
// deeper ones with a message naming the field (approve-with-edits.ts); React's
// encoding adds a few levels around them. Twice that leaves room for those
// messages and stays far below the depth that overflows (about 1,000–10,000).
import { jsonTextDepth, MAX_JSON_DEPTH } from "@/lib/base/json-limits";

export const MAX_ACTION_BODY_DEPTH = MAX_JSON_DEPTH * 2;

/** Whether `request` is a server action call whose body nests deeper than MAX_ACTION_BODY_DEPTH. Reads a clone. */
export async function serverActionBodyTooDeep(request: Request): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.has("next-action") || !request.body) return false;
  const tooDeep = (text: string) => jsonTextDepth(text, MAX_ACTION_BODY_DEPTH) > MAX_ACTION_BODY_DEPTH;
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    // Each field is decoded on its own; a form Next cannot read is refused by Next itself.
    const form = await request.clone().formData().catch(() => null);
    if (!form) return false;
    for (const [, value] of form) if (typeof value === "string" && tooDeep(value)) return true;
    return false;
  }
  return tooDeep(await request.clone().text());
}

export function actionBodyTooDeepResponse(): Response {
  return new Response(`The request's arguments are nested deeper than ${MAX_ACTION_BODY_DEPTH} levels of objects and arrays.\n`, {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
