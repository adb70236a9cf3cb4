import "server-only";
// Per-queue notification settings: the chat webhook, its format, the service
// time after which pending proposals are escalated, and whether deciding from
// chat is refused for critical risk or edited proposals. Admins only.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { assertAdmin } from "@/lib/roles/admin";
import type { CurrentUser } from "@/lib/auth/current-user";
import { checkRegisteredCallbackUrl, type CallbackHostOptions } from "@/lib/webhooks/callback-host";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { userActor } from "@/lib/users/user-actor";
import { CHAT_FORMATS, type ChatFormat } from "@/lib/notifications/chat-payload";

export type QueueNotificationSettings = {
  queueId: string;
  chatWebhookUrl: string | null;
  chatFormat: ChatFormat;
  serviceMinutes: number | null;
  browserOnlyCritical: boolean;
  browserOnlyEdited: boolean;
};

export const queueSettingsInput = z.object({
  queueId: z.string().min(1).max(100),
  chatWebhookUrl: z.string().trim().max(2000).nullable().optional().transform((v) => v || null),
  /** The form does not show the stored URL back (its path is a secret): true keeps it. */
  keepChatWebhookUrl: z.boolean().default(false),
  chatFormat: z.enum(CHAT_FORMATS).default("slack"),
  serviceMinutes: z.coerce.number().int().min(1, "service time is at least 1 minute").max(525600).nullable().optional(),
  browserOnlyCritical: z.boolean().default(false),
  browserOnlyEdited: z.boolean().default(false),
});

export async function getQueueNotificationSettings(queueId: string): Promise<QueueNotificationSettings> {
  const row = await db.queueNotificationSetting.findUnique({ where: { queueId } });
  return {
    queueId,
    chatWebhookUrl: row?.chatWebhookUrl ?? null,
    chatFormat: (row?.chatFormat as ChatFormat | undefined) ?? "slack",
    serviceMinutes: row?.serviceMinutes ?? null,
    browserOnlyCritical: row?.browserOnlyCritical ?? false,
    browserOnlyEdited: row?.browserOnlyEdited ?? false,
  };
}

/**
 * Saves a queue's settings (admins only), with a queue_setting_changed receipt that names the host, never the URL's path (it is a secret in Slack and Teams).
 * A new chat webhook URL's host is resolved and refused when it points into the server's network; `options`: the resolver, for tests.
 */
export async function setQueueNotificationSettings(
  admin: CurrentUser,
  raw: z.input<typeof queueSettingsInput>,
  options: CallbackHostOptions = {},
): Promise<QueueNotificationSettings> {
  if (admin.role !== "admin") throw new AppError("forbidden", "forbidden", "Only admins can change a queue's notifications.");
  const input = queueSettingsInput.parse(raw);
  let url: string | null = null;
  if (input.keepChatWebhookUrl) {
    url = (await db.queueNotificationSetting.findUnique({ where: { queueId: input.queueId }, select: { chatWebhookUrl: true } }))?.chatWebhookUrl ?? null;
  } else if (input.chatWebhookUrl) {
    const checked = await checkRegisteredCallbackUrl(input.chatWebhookUrl, options);
    if (!checked.ok) throw new AppError("invalid", "invalid_input", `The chat webhook URL ${checked.message}.`);
    url = checked.url;
  }
  const queue = await db.queue.findUnique({ where: { id: input.queueId }, select: { id: true, slug: true } });
  if (!queue) throw new AppError("not_found", "not_found", "No such queue.");
  const data = {
    chatWebhookUrl: url,
    chatFormat: input.chatFormat,
    serviceMinutes: input.serviceMinutes ?? null,
    browserOnlyCritical: input.browserOnlyCritical,
    browserOnlyEdited: input.browserOnlyEdited,
  };
  await db.$transaction(async (tx) => {
    await tx.queueNotificationSetting.upsert({ where: { queueId: queue.id }, create: { queueId: queue.id, ...data }, update: data });
    await appendReceipt(tx, {
      kind: "queue_setting_changed",
      actor: userActor(admin),
      payload: {
        queue: queue.slug,
        setting: "notifications",
        chat_webhook_host: url ? new URL(url).host : null,
        chat_format: data.chatFormat,
        service_minutes: data.serviceMinutes,
        browser_only_critical: data.browserOnlyCritical,
        browser_only_edited: data.browserOnlyEdited,
      },
    });
  });
  return { queueId: queue.id, ...data };
}

/** Every queue with its notification settings (or none), for the admin page; admins only. */
export async function listQueueNotificationSettings(admin: CurrentUser) {
  assertAdmin(admin);
  const [queues, settings] = await Promise.all([
    db.queue.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, name: true } }),
    db.queueNotificationSetting.findMany(),
  ]);
  return { queues, settings };
}
