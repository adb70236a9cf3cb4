// The lean agent API hands its route handlers a Request without a body and
// attaches a reader of the Node request instead (lib/http/node-request-body.ts),
// which lib/http/read-json.ts takes. A handler (or anything under lib/ it calls)
// that read request.text(), .json(), .body ... would see an empty body there,
// so only read-json.ts may read a request body. Routes outside /api/v1 (served
// by Next.js, e.g. the Slack interactions) are not scanned. The proxy's depth
// check of server-action bodies (server-action-depth.ts) reads a copy of what
// Next.js serves, only for requests carrying a Next-Action header: never a
// request of the lean agent API.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const DIRECT_READ = /\b(request|req)\s*\.\s*(text|json|arrayBuffer|formData|blob|bytes|clone)\s*\(|\brequest\s*\.\s*body\b/;
const ALLOWED = new Set(["lib/http/read-json.ts", "lib/http/server-action-depth.ts"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)));
}

describe("request bodies", () => {
  it("are read only by lib/http/read-json.ts in the agent API and the library", () => {
    const readers = [...sources("app/api/v1"), ...sources("lib")].filter((file) => !ALLOWED.has(file) && DIRECT_READ.test(readFileSync(file, "utf8")));
    expect(readers).toEqual([]);
    expect(DIRECT_READ.test(readFileSync("lib/http/read-json.ts", "utf8")), "the pattern still finds read-json.ts's own read").toBe(true);
  });
});
