// npx tsx scripts/bench/route-js-size.ts [.next dir] [route ...]: the JavaScript
// a page loads in the browser after `next build`: the union of the chunks its
// client-reference manifest lists for the page and its layouts (entryJSFiles)
// plus the build's root main files, raw and gzipped. Used to check that a
// library loaded by some pages (recharts, on /insights) adds nothing to others.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const [dir = ".next", ...asked] = process.argv.slice(2);
const routes = asked.length > 0 ? asked : ["/(app)/queue", "/(app)/insights", "/(app)/insights/agents", "/(app)/insights/people"];
const build = JSON.parse(readFileSync(join(dir, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[] };

for (const route of routes) {
  const file = join(dir, "server/app", `${route}/page_client-reference-manifest.js`);
  if (!existsSync(file)) {
    console.log(`${route}: no manifest at ${file}`);
    continue;
  }
  const holder = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles: Record<string, string[]> }> };
  new Function("globalThis", readFileSync(file, "utf8"))(holder);
  const manifest = Object.values(holder.__RSC_MANIFEST)[0]!;
  const chunks = new Set<string>(build.rootMainFiles ?? []);
  for (const list of Object.values(manifest.entryJSFiles)) for (const chunk of list) chunks.add(chunk);
  let raw = 0;
  let gzip = 0;
  for (const chunk of chunks) {
    const bytes = readFileSync(join(dir, chunk));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  console.log(`${route}: ${chunks.size} chunks, ${(raw / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzipped`);
}
