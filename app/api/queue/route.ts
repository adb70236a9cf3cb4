// Later pages of the queue for the browser (the first page is server-rendered).
// Signed-in users only; any role may read the backlog.
// A refused call (no active session) goes to the security log through apiHandler.
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/base/app-error";
import { firstValues } from "@/lib/base/search-params";
import { apiHandler, json } from "@/lib/http/respond";
import { listQueue } from "@/lib/proposals/list-queue";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";

export const GET = apiHandler(async (request: Request) => {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "unauthenticated", "Sign in to see the queue.");
  const params = firstValues(new URL(request.url).searchParams);
  const cursor = params.cursor && params.cursor.length <= 100 ? params.cursor : null;
  return json(await listQueue(parseQueueFilters(params), cursor));
});
