// Configuration, validated once. App code reads settings from here, never from
// process.env, so a missing or malformed setting fails at start-up with a
// message that names it.
import { z } from "zod";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "@/lib/db/database-url";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((value, ctx) => {
      try {
        parseDatabaseUrl(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /** Base URL people reach the app at; used for links returned to agents. */
  PUBLIC_URL: z.url({ message: "PUBLIC_URL must be an absolute http(s) URL" }).default("http://localhost:3000"),
  /** Intake requests per agent per minute, per app instance. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
