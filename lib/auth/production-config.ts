// Settings production cannot run without, checked by scripts/check-env.ts
// (before `npm start` serves anything) and again at server start-up.
import type { Env } from "@/lib/env";

export function productionConfigProblems(settings: Env): string[] {
  if (settings.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (!settings.NEXTAUTH_SECRET) problems.push("NEXTAUTH_SECRET: required to sign sessions (npm run quickstart writes one to .env)");
  if (!settings.NEXTAUTH_URL) {
    problems.push(
      "NEXTAUTH_URL: required in production: the public URL people sign in at (e.g. https://countersign.example.com). " +
        "Sign-in redirects are checked against it and session cookies are marked Secure when it is https.",
    );
  }
  return problems;
}

export function assertProductionConfig(settings: Env): void {
  const problems = productionConfigProblems(settings);
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}
