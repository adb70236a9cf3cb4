// Finds every entry point of the app in the SOURCE tree, so a new one cannot
// slip past the inventory test: each exported function of a file whose
// top-level directive is "use server" (a server action), and each exported
// HTTP method of an app/**/route.ts (a route handler). Parsed with the
// TypeScript compiler, not with regular expressions, so formatting and
// comments cannot hide an export.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export type EntryPoint =
  | { kind: "action"; key: string; file: string; exportName: string }
  | { kind: "route"; key: string; file: string; method: string; urlPattern: string };

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const SOURCE = /\.(ts|tsx|js|jsx|mjs)$/;
const TEST = /\.(test|spec)\.[a-z]+$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return SOURCE.test(entry.name) && !TEST.test(entry.name) ? [full] : [];
  });
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** Every name the module exports (declarations, `export { a as b }`, `export default`). */
function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause) names.push("*"); // export * from "...": cannot be listed, so it must fail loudly
      else if (ts.isNamedExports(statement.exportClause)) names.push(...statement.exportClause.elements.map((e) => e.name.text));
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      names.push("default");
      continue;
    }
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
    if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) names.push("default");
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.push(statement.name.text);
    }
  }
  return names;
}

/** Directive prologue: the string-literal statements before any other code. */
function directives(source: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    found.push(statement.expression.text);
  }
  return found;
}

/** Functions marked "use server" inside their body: server actions the table could not see by file. */
function inlineServerFunctions(source: ts.SourceFile): number {
  let count = 0;
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionLike(node) || ts.isArrowFunction(node)) && "body" in node && node.body && ts.isBlock(node.body as ts.Node)) {
      const first = (node.body as ts.Block).statements[0];
      if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server") count++;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return count;
}

/** "app/api/v1/proposals/[id]/route.ts" -> "/api/v1/proposals/[id]"; route groups "(x)" vanish from URLs. */
export function urlPatternOf(file: string): string {
  const segments = path.posix.dirname(file).split("/").slice(1);
  return "/" + segments.filter((s) => !(s.startsWith("(") && s.endsWith(")"))).join("/");
}

export type Discovery = { entryPoints: EntryPoint[]; problems: string[] };

export function discoverEntryPoints(root: string): Discovery {
  const entryPoints: EntryPoint[] = [];
  const problems: string[] = [];
  for (const full of walk(path.join(root, "app"))) {
    const file = path.relative(root, full).split(path.sep).join("/");
    const text = readFileSync(full, "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    if (directives(source).includes("use server")) {
      for (const exportName of exportedNames(source)) {
        if (exportName === "*") problems.push(`${file} re-exports with "export *": list its server actions by name so each can be covered`);
        else entryPoints.push({ kind: "action", key: `${file}#${exportName}`, file, exportName });
      }
    } else if (text.includes("use server") && inlineServerFunctions(source) > 0) {
      problems.push(`${file} defines a server action inline ("use server" inside a function): move it to an actions file so the inventory can cover it`);
    }
    if (/(^|\/)route\.(ts|js|mjs)$/.test(file)) {
      for (const name of exportedNames(source)) {
        if (HTTP_METHODS.has(name)) entryPoints.push({ kind: "route", key: `${file}#${name}`, file, method: name, urlPattern: urlPatternOf(file) });
        else if (name === "*") problems.push(`${file} re-exports with "export *": export its HTTP methods by name`);
      }
    }
  }
  return { entryPoints: entryPoints.sort((a, b) => a.key.localeCompare(b.key)), problems };
}
