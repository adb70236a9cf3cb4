// Later pages of the queue for the browser (the first page is server-rendered).
// Signed-in users only; any role may read the backlog.
import { getCurrentUser } from "@/lib/auth/current-user";
import { json } from "@/lib/http/respond";
import { listQueue } from "@/lib/proposals/list-queue";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";

export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return json({ error: { code: "unauthenticated", message: "Sign in to see the queue." } }, 401);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const cursor = params.cursor && params.cursor.length <= 100 ? params.cursor : null;
  return json(await listQueue(parseQueueFilters(params), cursor));
}
