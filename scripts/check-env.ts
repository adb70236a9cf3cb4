// Run before `next start`: validates configuration once and says exactly what
// is missing or wrong, instead of failing later on the first request. With
// NODE_ENV=production it also requires NEXTAUTH_URL (lib/auth/production-config.ts).
import "@/lib/load-dotenv";
import { parseEnv } from "@/lib/env";
import { loadPolicyDir } from "@/lib/policy/load-policies";
import { assertProductionConfig } from "@/lib/auth/production-config";

try {
  const env = parseEnv(process.env);
  if (!env.NEXTAUTH_SECRET) {
    throw new Error("Invalid configuration:\n  - NEXTAUTH_SECRET: required to sign sessions (npm run quickstart writes one to .env)");
  }
  assertProductionConfig(env);
  // The Cedar policies too: an invalid one is reported with its file and line.
  loadPolicyDir(env.POLICY_DIR);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
