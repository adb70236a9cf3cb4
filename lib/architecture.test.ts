// The direction of lib/ (docs/architecture.md): the base imports no other lib
// folder, no two lib folders import each other (directly or around a loop),
// and lib/ never imports app/ or components/. Read from the source by
// scripts/import-graph.ts, type-only imports included.
import { describe, expect, it } from "vitest";
import { analyse, BASE_LIKE_FILES, libImports, nodeOf, type FileImport } from "@/scripts/import-graph";

const all = libImports();
const report = analyse(all);
const show = (imports: FileImport[]) => imports.map((i) => `${i.from} -> ${i.specifier}`);

describe("lib/ import direction", () => {
  it("lib/base imports no other lib folder or file", () => {
    expect(show(report.baseIntoDomain)).toEqual([]);
  });

  it(`the base-like files (${BASE_LIKE_FILES.join(", ")}) import only lib/base and each other`, () => {
    const allowed = new Set(["base", ...BASE_LIKE_FILES]);
    const wrong = all.filter((i) => BASE_LIKE_FILES.includes(nodeOf(i.from)) && i.from.startsWith("lib/") && !i.from.includes("/", 4) && i.to.startsWith("lib/") && !allowed.has(nodeOf(i.to)));
    expect(show(wrong)).toEqual([]);
  });

  it("no cycle between lib folders (every arrow points down)", () => {
    const arrows = report.backArrows.flatMap((e) => [...new Set(e.files.map((f) => `${f.from} -> ${f.to}`))]);
    expect({ cycles: report.cycles, arrows }).toEqual({ cycles: [], arrows: [] });
  });

  it("lib/ product code never imports app/ or components/", () => {
    expect(show(report.upIntoApp)).toEqual([]);
  });
});

describe("the graph analysis itself", () => {
  const imp = (from: string, to: string): FileImport => ({ from, to, specifier: `@/${to}` });

  it("finds a cycle through three folders and marks each of its arrows", () => {
    const r = analyse([imp("lib/a/x.ts", "lib/b/y"), imp("lib/b/y.ts", "lib/c/z"), imp("lib/c/z.ts", "lib/a/x"), imp("lib/c/z.ts", "lib/base/app-error")]);
    expect(r.cycles).toEqual([["a", "b", "c"]]);
    expect(r.backArrows.map((e) => `${e.from}->${e.to}`).sort()).toEqual(["a->b", "b->c", "c->a"]);
    expect(r.layers).toBe(2);
  });

  it("counts layers along the longest chain, and ignores test files' arrows", () => {
    const r = analyse([imp("lib/a/x.ts", "lib/b/y"), imp("lib/b/y.ts", "lib/base/app-error"), imp("lib/base/z.test.ts", "lib/a/x")]);
    expect(r.layers).toBe(3);
    expect(r.cycles).toEqual([]);
  });

  it("reports lib/base importing a domain, and lib importing app/ or components/", () => {
    const r = analyse([imp("lib/base/x.ts", "lib/proposals/envelope"), imp("lib/a/x.ts", "app/api/v1/proposals/route"), imp("lib/a/y.ts", "components/agent-text")]);
    expect(r.baseIntoDomain).toHaveLength(1);
    expect(r.upIntoApp).toHaveLength(2);
  });
});
