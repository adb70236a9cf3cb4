// Keeps docs/contract.md (the outside of the product) true to the code: its
// API table against the OpenAPI document and the entry-point inventory, its
// command table against the CLI's usage text and dispatch, its page table
// against app/. Also keeps the docs self-contained: README.md small, and every
// relative link in README.md and docs/*.md pointing at a file of the repository.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/api-docs/openapi-document";
import { COVERAGE } from "@/e2e/entry-points/coverage";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The lines of one `## N.` section of the contract page. */
function section(markdown: string, number: number): string[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`## ${number}.`));
  if (start < 0) throw new Error(`docs/contract.md has no section ${number}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The first backticked cell of every table row in the lines (header and rule rows skipped). */
function firstCells(lines: string[]): string[] {
  return lines.map((l) => /^\| `([^`]+)`/.exec(l)?.[1]).filter((c): c is string => c !== undefined);
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

function contractApiCalls(markdown: string): string[] {
  return sorted(firstCells(section(markdown, 3)).map((cell) => {
    const match = /^(GET|POST|PUT|PATCH|DELETE) (\/[^\s?]+)/.exec(cell);
    if (!match) throw new Error(`API row without "METHOD /path": ${cell}`);
    return `${match[1]} ${match[2]}`;
  }));
}

function contractCommands(markdown: string): string[] {
  return sorted(firstCells(section(markdown, 5)).map((cell) => cell.split(" ")[0]!));
}

function contractPages(markdown: string): string[] {
  return sorted(firstCells(section(markdown, 4)).filter((cell) => cell.startsWith("/")));
}

const contract = read("docs/contract.md");

describe("docs/contract.md", () => {
  it("lists exactly the operations of the OpenAPI document", () => {
    const documented = sorted(OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    expect(contractApiCalls(contract)).toEqual(documented);
  });

  it("lists exactly the agent routes of the entry-point inventory", () => {
    const inventory = sorted(
      Object.keys(COVERAGE)
        .filter((key) => key.startsWith("app/api/v1/"))
        // The catch-all's 404 and HEAD's 405 are answers, not calls: the
        // paragraph above the table names them (checked below).
        .filter((key) => !key.includes("[...") && !key.endsWith("#HEAD"))
        .map((key) => {
          const [file, method] = key.split("#") as [string, string];
          const url = "/" + path.dirname(file).replace(/^app\//, "").replace(/\[([^\]]+)\]/g, "{$1}");
          return `${method} ${url}`;
        }),
    );
    expect(contractApiCalls(contract)).toEqual(inventory);
    expect(section(contract, 3).join(" ")).toMatch(/404 `not_found`.*405 `method_not_allowed`/);
  });

  it("lists exactly the commands of the CLI's usage text, each one dispatched", () => {
    const cli = read("scripts/cli.ts");
    const usage = /const USAGE = `([\s\S]*?)`;/.exec(cli)?.[1] ?? "";
    const inUsage = sorted([...usage.matchAll(/^ {2}([a-z]+:[a-z0-9:-]+)/gm)].map((m) => m[1]!));
    const dispatched = sorted([...cli.matchAll(/case "([a-z]+:[a-z0-9:-]+)":/g)].map((m) => m[1]!));
    expect(inUsage.length).toBeGreaterThan(10);
    expect(contractCommands(contract)).toEqual(inUsage);
    expect(dispatched).toEqual(inUsage);
  });

  it("lists exactly the pages under app/", () => {
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "page.tsx") {
          const segments = path
            .relative(path.join(ROOT, "app"), dir)
            .split(path.sep)
            .filter((s) => s && !/^\(.+\)$/.test(s)) // route groups are not in the URL
            .map((s) => s.replace(/^\[(.+)\]$/, "<$1>"));
          pages.push(`/${segments.join("/")}`);
        }
      }
    };
    walk(path.join(ROOT, "app"));
    // "/" only redirects to the queue or the sign-in.
    expect(contractPages(contract)).toEqual(sorted(pages.filter((p) => p !== "/")));
  });
});

describe("the docs are self-contained", () => {
  it("keeps README.md under 10 KB", () => {
    expect(statSync(path.join(ROOT, "README.md")).size).toBeLessThan(10 * 1024);
  });

  const files = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  it.each(files)("every relative link in %s resolves to a file of the repository", (file) => {
    const broken: string[] = [];
    for (const match of read(file).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
      const resolved = path.resolve(path.dirname(path.join(ROOT, file)), decodeURIComponent(target.split("#")[0]!));
      const inside = resolved === ROOT || resolved.startsWith(ROOT + path.sep);
      if (!inside || !existsSync(resolved)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});
