// Which database a URL points at. Shared by the runtime client, prisma.config.ts
// and the scripts, so "where is the data" has one answer.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/countersign.db";

export type DatabaseTarget =
  | { provider: "sqlite"; file: string }
  | {
      provider: "postgresql";
      url: string;
      host: string;
      port: number;
      user: string;
      password: string;
      database: string;
      schema?: string;
    };

/** A table's name for raw SQL on `target` (lib/db/qualified-table.ts for the app's own database; code without a client passes its target). */
export function tableIn(target: DatabaseTarget, table: string): string {
  return target.provider === "postgresql" && target.schema ? `"${target.schema}"."${table}"` : `"${table}"`;
}

export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).replace(/^\/\//, "");
    if (file === "") throw new Error("DATABASE_URL: a file: URL needs a path, e.g. file:./data/countersign.db");
    return { provider: "sqlite", file: path.resolve(cwd, file) };
  }
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error("DATABASE_URL: not a valid postgresql:// URL");
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    if (!database) throw new Error("DATABASE_URL: the postgresql:// URL needs a database name");
    return {
      provider: "postgresql",
      url,
      host: parsed.hostname || "localhost",
      port: parsed.port ? Number(parsed.port) : 5432,
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database,
      schema: parsed.searchParams.get("schema") ?? undefined,
    };
  }
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}
