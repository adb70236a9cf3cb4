import "server-only";
// A person's notification choices. No row means the defaults: immediate mail
// for high and critical proposals, a daily digest at 08:00 UTC.
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";

export type Preferences = { emailImmediate: boolean; emailDigest: boolean; digestHourUtc: number };
export const DEFAULT_PREFERENCES: Preferences = { emailImmediate: true, emailDigest: true, digestHourUtc: 8 };

export const preferencesInput = z.object({
  emailImmediate: z.boolean(),
  emailDigest: z.boolean(),
  digestHourUtc: z.coerce.number().int().min(0, "pick an hour from 0 to 23").max(23, "pick an hour from 0 to 23"),
});

export async function getPreferences(userId: string): Promise<Preferences> {
  const row = await db.notificationPreference.findUnique({ where: { userId } });
  return row ? { emailImmediate: row.emailImmediate, emailDigest: row.emailDigest, digestHourUtc: row.digestHourUtc } : DEFAULT_PREFERENCES;
}

/** A person changes only their own preferences. */
export async function setPreferences(user: CurrentUser, raw: z.input<typeof preferencesInput>): Promise<Preferences> {
  const input = preferencesInput.parse(raw);
  await db.notificationPreference.upsert({ where: { userId: user.id }, create: { userId: user.id, ...input }, update: input });
  return input;
}

export async function preferencesFor(userIds: string[]): Promise<Map<string, Preferences & { lastDigestAt: Date | null }>> {
  const rows = userIds.length ? await db.notificationPreference.findMany({ where: { userId: { in: userIds } } }) : [];
  const found = new Map(rows.map((r) => [r.userId, r]));
  return new Map(
    userIds.map((id) => {
      const r = found.get(id);
      return [id, r ? { emailImmediate: r.emailImmediate, emailDigest: r.emailDigest, digestHourUtc: r.digestHourUtc, lastDigestAt: r.lastDigestAt } : { ...DEFAULT_PREFERENCES, lastDigestAt: null }];
    }),
  );
}
