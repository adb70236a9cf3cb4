// The import graph of lib/, folder by folder: which folder imports which, how
// many layers that makes, which arrows point back up (they sit inside a cycle),
// and any import from lib/ up into app/ or components/. lib/architecture.test.ts
// holds the rules; `npx tsx scripts/import-graph.ts` prints the figures.
//
// Imports are read with the TypeScript compiler's pre-processor, so type-only
// imports, re-exports and dynamic import() count like any other import.
// Test files are drivers, not layers: they may import across folders, but an
// import from a test file into app/ or components/ still counts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Top-level lib files that are infrastructure every layer may use (config, logging). */
export const BASE_LIKE_FILES = ["env.ts", "log.ts", "load-dotenv.ts"];

const SOURCE = /\.(ts|tsx|mts)$/;
const TEST = /\.test\.(ts|tsx)$/;

export type FileImport = { from: string; to: string; specifier: string };

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (SOURCE.test(name)) out.push(full);
  }
  return out;
}

/** Repository-relative target of an import, or null for packages. */
function resolveSpecifier(fromFile: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("@/")) target = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith("./") || specifier.startsWith("../")) target = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  return path.relative(ROOT, target).split(path.sep).join("/");
}

/** Every import of every source file under lib/ (tests included, marked by name). */
export function libImports(root = ROOT): FileImport[] {
  const imports: FileImport[] = [];
  for (const file of walk(path.join(root, "lib"))) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const from = path.relative(root, file).split(path.sep).join("/");
    for (const imported of info.importedFiles) {
      const to = resolveSpecifier(file, imported.fileName);
      if (to) imports.push({ from, to, specifier: imported.fileName });
    }
  }
  return imports;
}

/** The node a lib path belongs to: its folder under lib/ ("proposals"), or the top-level file ("env.ts"). */
export function nodeOf(libPath: string): string {
  const rest = libPath.replace(/^lib\//, "");
  const slash = rest.indexOf("/");
  if (slash >= 0) return rest.slice(0, slash);
  return /\.(ts|tsx)$/.test(rest) ? rest : `${rest}.ts`;
}

export type Edge = { from: string; to: string; files: FileImport[] };

/** Folder-level edges between lib nodes, from non-test files. */
export function folderEdges(imports: FileImport[]): Edge[] {
  const edges = new Map<string, Edge>();
  for (const imp of imports) {
    if (TEST.test(imp.from) || !imp.to.startsWith("lib/")) continue;
    const from = nodeOf(imp.from);
    const to = nodeOf(imp.to);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    const edge = edges.get(key) ?? { from, to, files: [] };
    edge.files.push(imp);
    edges.set(key, edge);
  }
  return [...edges.values()].sort((a, b) => (a.from + a.to).localeCompare(b.from + b.to));
}

/** Strongly connected components (Tarjan), each sorted; singletons included. */
export function components(nodes: string[], edges: Edge[]): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      result.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return result;
}

export type GraphReport = {
  nodes: string[];
  edges: Edge[];
  /** Groups of folders that import each other, directly or around a loop. */
  cycles: string[][];
  /** Edges inside a cycle: each of them points back up. */
  backArrows: Edge[];
  /** Longest chain of imports after collapsing each cycle into one node (a lone folder is 1 layer). */
  layers: number;
  /** The layer of each node, 1 = imports no other lib folder. */
  layerOf: Record<string, number>;
  /** Imports from lib/ product code into app/ or components/. */
  upIntoApp: FileImport[];
  /** The same from lib/ test files (they drive routes through their handlers; reported, not a layer). */
  testsIntoApp: FileImport[];
  /** Imports from lib/base into any other lib folder or file. */
  baseIntoDomain: FileImport[];
};

export function analyse(imports: FileImport[] = libImports()): GraphReport {
  const edges = folderEdges(imports);
  const nodes = [...new Set([...imports.filter((i) => !TEST.test(i.from)).map((i) => nodeOf(i.from)), ...edges.map((e) => e.to)])].sort();
  const sccs = components(nodes, edges);
  const sccOf = new Map<string, number>();
  sccs.forEach((members, i) => members.forEach((m) => sccOf.set(m, i)));
  const backArrows = edges.filter((e) => sccOf.get(e.from) === sccOf.get(e.to));
  // Tarjan emits components in reverse topological order: dependencies first.
  const depth = new Array<number>(sccs.length).fill(1);
  sccs.forEach((members, i) => {
    for (const e of edges) {
      if (!members.includes(e.from)) continue;
      const j = sccOf.get(e.to)!;
      if (j !== i) depth[i] = Math.max(depth[i]!, depth[j]! + 1);
    }
  });
  const layerOf: Record<string, number> = {};
  for (const node of nodes) layerOf[node] = depth[sccOf.get(node)!]!;
  return {
    nodes,
    edges,
    cycles: sccs.filter((c) => c.length > 1),
    backArrows,
    layers: Math.max(0, ...depth),
    layerOf,
    upIntoApp: imports.filter((i) => !TEST.test(i.from) && /^(app|components)\//.test(i.to)),
    testsIntoApp: imports.filter((i) => TEST.test(i.from) && /^(app|components)\//.test(i.to)),
    baseIntoDomain: imports.filter((i) => i.from.startsWith("lib/base/") && i.to.startsWith("lib/") && !i.to.startsWith("lib/base/")),
  };
}

function print(report: GraphReport): void {
  const byLayer = new Map<number, string[]>();
  for (const node of report.nodes) byLayer.set(report.layerOf[node]!, [...(byLayer.get(report.layerOf[node]!) ?? []), node]);
  console.log(`lib/ import graph: ${report.nodes.length} folders/files, ${report.edges.length} folder arrows`);
  console.log(`layers: ${report.layers}`);
  for (const layer of [...byLayer.keys()].sort((a, b) => a - b)) console.log(`  ${layer}: ${byLayer.get(layer)!.join(", ")}`);
  console.log(`\narrows:`);
  for (const e of report.edges) console.log(`  ${e.from} -> ${e.to}  (${e.files.length})`);
  console.log(`\ncycles: ${report.cycles.length}`);
  for (const c of report.cycles) console.log(`  { ${c.join(", ")} }`);
  console.log(`\nback arrows (inside a cycle): ${report.backArrows.length}`);
  for (const e of report.backArrows) console.log(`  ${e.from} -> ${e.to}: ${[...new Set(e.files.map((f) => `${f.from} -> ${f.to}`))].join("; ")}`);
  console.log(`\nlib -> app/components imports: ${report.upIntoApp.length} (and ${report.testsIntoApp.length} from lib test files)`);
  for (const i of [...report.upIntoApp, ...report.testsIntoApp]) console.log(`  ${i.from} -> ${i.specifier}`);
  console.log(`\nlib/base -> other lib imports: ${report.baseIntoDomain.length}`);
  for (const i of report.baseIntoDomain) console.log(`  ${i.from} -> ${i.specifier}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const all = libImports();
  print(analyse(all));
}
