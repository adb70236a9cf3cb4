// The OpenAPI document covers every route handler under app/api/v1 found on
// disk, with every HTTP method it exports, and is well-formed OpenAPI 3.1
// whose every $ref resolves.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api-docs/openapi-document";

const ROOT = path.resolve(__dirname, "../..");
const API_DIR = path.join(ROOT, "app/api/v1");

/** [URL path, methods] of every route.ts under app/api/v1: `[id]` becomes `{id}`. */
function routesOnDisk(): [string, string[]][] {
  const found: [string, string[]][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // The catch-all only answers 404 for paths the API does not have (lib/http/agent-api-fallback.ts).
      if (entry.isDirectory() && entry.name === "[...path]") continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(path.join(ROOT, "app"), dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
        const methods = [...readFileSync(full, "utf8").matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
        found.push([`/${segments.join("/")}`, methods]);
      }
    }
  };
  walk(API_DIR);
  return found;
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument("http://countersign.test") as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

  it("documents every route handler under app/api/v1 and every method it exports", () => {
    const routes = routesOnDisk();
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const [route, methods] of routes) {
      expect(Object.keys(doc.paths), `${route} is missing from the OpenAPI document`).toContain(route);
      for (const method of methods) expect(Object.keys(doc.paths[route]!), `${method.toUpperCase()} ${route} is missing`).toContain(method);
    }
    // And documents nothing that does not exist.
    expect(Object.keys(doc.paths).sort()).toEqual(routes.map(([r]) => r).sort());
  });

  it("is OpenAPI 3.1 with full paths, errors in the contract's shape and resolvable references", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/v1/proposals/{id}"]).toBeDefined();
    const text = JSON.stringify(doc);
    for (const [, target] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas, target).toHaveProperty([target!]);
    expect(text).not.toContain("#/$defs/");
    for (const [route, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations as Record<string, { responses: Record<string, unknown> }>)) {
        expect(Object.keys(op.responses), `${method} ${route}`).toContain("500");
        if (route !== "/api/v1/openapi.json") expect(Object.keys(op.responses), `${method} ${route}`).toContain("401");
        expect(Object.keys(op.responses), `${method} ${route}`).toContain("429");
      }
    }
    expect(doc.components.schemas.Error).toMatchObject({ properties: { error: { required: ["code", "message"] } } });
  });
});
