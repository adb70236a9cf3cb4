import "server-only";
// One nodemailer transport per process, from SMTP_URL (smtp:// or smtps://,
// credentials in the URL). Unset: mail notifications are not enqueued at all.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let cached: { url: string; transport: Transporter } | null = null;

export function mailEnabled(): boolean {
  return !!env().SMTP_URL;
}

export function mailTransport(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}
