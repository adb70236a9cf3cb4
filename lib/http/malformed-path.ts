// A request path whose percent-encoding does not decode (a lone "%", "%ZZ",
// or the bytes of a lone surrogate, %ED%A0%80): Next.js decodes a dynamic
// segment (/proposals/[id]) before any of our code runs and answered such a
// path with a 500, signed in or not. The proxy (proxy.ts) answers it with a 400
// first; the agent API's lean handler does the same for /api/v1
// (agent-api-dispatch.ts).

/** Whether the path of `url` holds percent-encoding that does not decode to text. */
export function malformedPath(url: string): boolean {
  const pathname = new URL(url).pathname;
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function malformedPathResponse(): Response {
  return new Response("The request path is not valid percent-encoding.\n", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
