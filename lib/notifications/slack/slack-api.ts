import "server-only";
// Calls from Countersign to Slack: opening the reject-reason modal
// (views.open, with the bot token) goes through the guarded dispatcher like
// every outgoing request of the notification code.
import { fetch as undiciFetch } from "undici";
import { env } from "@/lib/env";
import { guardedDispatcher } from "@/lib/webhooks/guarded-dispatcher";

export async function openSlackView(triggerId: string, view: unknown): Promise<{ ok: boolean; error?: string }> {
  const token = env().SLACK_BOT_TOKEN;
  if (!token) return { ok: false, error: "no_bot_token" };
  const dispatcher = guardedDispatcher({ allowPrivate: env().WEBHOOK_ALLOW_PRIVATE_URLS });
  try {
    const response = await undiciFetch(`${env().SLACK_API_URL.replace(/\/$/, "")}/views.open`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${token}` },
      body: JSON.stringify({ trigger_id: triggerId, view }),
      dispatcher,
      redirect: "manual",
      signal: AbortSignal.timeout(2500),
    });
    const body = (await response.json().catch(() => ({}))) as { ok?: boolean; error?: string };
    return { ok: response.ok && body.ok === true, error: body.error ?? (response.ok ? undefined : `HTTP ${response.status}`) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    await dispatcher.close().catch(() => {});
  }
}

export const REJECT_CALLBACK_ID = "countersign_reject_reason";

export function rejectModal(proposalTitle: string, privateMetadata: string): unknown {
  return {
    type: "modal",
    callback_id: REJECT_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Reject proposal" },
    submit: { type: "plain_text", text: "Reject" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      { type: "section", text: { type: "plain_text", text: proposalTitle.slice(0, 2900) } },
      {
        type: "input",
        block_id: "reason",
        label: { type: "plain_text", text: "Reason (the agent and the receipt see it)" },
        element: { type: "plain_text_input", action_id: "reason", multiline: true, max_length: 2000 },
      },
    ],
  };
}
