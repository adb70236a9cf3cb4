// Slack's interactivity request URL: Approve / Reject on posted proposals.
// Everything is in lib/notifications/slack/handle-interaction.ts; here only the
// raw body (the signature covers its exact bytes) and the answer.
import { handleSlackInteraction } from "@/lib/notifications/slack/handle-interaction";
import { deliverDueNotifications } from "@/lib/notifications/deliver-notifications";
import { logger } from "@/lib/log";

const MAX_BODY = 64 * 1024;

export async function POST(request: Request): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY) return Response.json({ error: { code: "body_too_large", message: "Slack interactions are small; this body is too large." } }, { status: 413 });
  const raw = await request.text();
  if (raw.length > MAX_BODY) return Response.json({ error: { code: "body_too_large", message: "Slack interactions are small; this body is too large." } }, { status: 413 });
  const result = await handleSlackInteraction(raw, request.headers);
  if (result.deliveryId) {
    // Slack wants an answer within 3 seconds: the message update is sent right after, from the outbox (retried there if it fails).
    void deliverDueNotifications({ ids: [result.deliveryId] }).catch((error: Error) => logger.warn("slack message update failed", { error: error.message }));
  }
  return Response.json(result.body, { status: result.status });
}
