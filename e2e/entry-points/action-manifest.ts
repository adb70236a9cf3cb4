// Maps a server action in the source ("app/(app)/proposals/actions.ts#decideProposalsAction")
// to what a raw HTTP call needs: its action id and a page the build serves it
// on. Both come from the build's own manifest (<distDir>/server/server-reference-manifest.json),
// exactly what Next.js consults when a POST carries a Next-Action header.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

type Worker = { moduleId?: unknown; async?: boolean; exportedName?: string; filename?: string };
type ManifestEntry = { workers?: Record<string, Worker>; exportedName?: string; filename?: string };
type Manifest = { node?: Record<string, ManifestEntry>; edge?: Record<string, ManifestEntry> };

export type BuiltAction = { id: string; pages: string[] };

export function manifestPath(root: string): string {
  return path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json");
}

/** Every action in the build, keyed like the source inventory ("<file>#<export>"). */
export function builtActions(root: string): Map<string, BuiltAction> {
  const file = manifestPath(root);
  if (!existsSync(file)) throw new Error(`No server action manifest at ${file}: build first (NEXT_DIST_DIR=${process.env.NEXT_DIST_DIR ?? ".next"} npx next build).`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  const actions = new Map<string, BuiltAction>();
  for (const [id, entry] of Object.entries({ ...manifest.edge, ...manifest.node })) {
    const workers = Object.entries(entry.workers ?? {});
    const filename = entry.filename ?? workers.find(([, w]) => w.filename)?.[1].filename;
    const exportedName = entry.exportedName ?? workers.find(([, w]) => w.exportedName)?.[1].exportedName;
    if (!filename || !exportedName) continue;
    const key = `${filename.replace(/^\.\//, "")}#${exportedName}`;
    const pages = workers.map(([bundle]) => bundle).filter((bundle) => bundle.endsWith("/page"));
    const existing = actions.get(key);
    actions.set(key, { id, pages: [...new Set([...(existing?.pages ?? []), ...pages])] });
  }
  return actions;
}

/**
 * A URL for a page bundle ("app/(app)/proposals/[id]/page" -> "/proposals/<id>"),
 * filling dynamic segments from `params`; null when a segment has no value.
 */
export function pageUrl(bundle: string, params: Record<string, string>): string | null {
  const segments = bundle.replace(/^app\//, "").replace(/\/?page$/, "").split("/").filter((s) => s && !/^\(.*\)$/.test(s));
  const filled: string[] = [];
  for (const segment of segments) {
    const dynamic = /^\[+\.{0,3}([^\]]+)\]+$/.exec(segment);
    if (!dynamic) filled.push(segment);
    else if (params[dynamic[1]!] !== undefined) filled.push(encodeURIComponent(params[dynamic[1]!]!));
    else return null;
  }
  return "/" + filled.join("/");
}
