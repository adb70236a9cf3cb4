import { db, databaseTarget } from "@/lib/db/client";
import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and test harnesses. */
export async function GET() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return json({ ok: true, database: databaseTarget.provider });
  } catch {
    return json({ ok: false, database: databaseTarget.provider, error: { code: "database_unreachable", message: "The database cannot be reached." } }, 503);
  }
}
