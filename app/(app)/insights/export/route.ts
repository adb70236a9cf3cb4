// GET /insights/export?view=queues|daily|agents|people&days=7|30|90: the
// numbers behind an insight chart as a CSV download. Signed in; the people
// view is for admins only (checked in lib, by peopleInsights).
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/base/app-error";
import { apiHandler } from "@/lib/http/respond";
import { insightCsv, parseCsvView } from "@/lib/insights/insight-csv";
import { parseWindowDays } from "@/lib/insights/insight-window";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request) => {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "unauthenticated", "Sign in to export insights.");
  const url = new URL(request.url);
  const view = parseCsvView(url.searchParams.get("view"));
  const days = parseWindowDays(url.searchParams);
  const body = await insightCsv(user, view, days);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="countersign-insights-${view}-${days}d.csv"`,
      "cache-control": "no-store",
    },
  });
});
