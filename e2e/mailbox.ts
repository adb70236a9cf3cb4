// What the SMTP receiver of the e2e run (test-support/smtp-receiver-server.ts,
// started by playwright.config.ts) has received, read over its HTTP side.
export type Mail = { to: string[]; from: string; subject: string; text: string; html: string };

const port = Number(process.env.E2E_PORT ?? 3210);
const url = process.env.E2E_MAILBOX_URL ?? `http://127.0.0.1:${Number(process.env.E2E_MAILBOX_PORT ?? port + 8)}/mail`;

export async function receivedMail(): Promise<Mail[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the mailbox at ${url} answered ${response.status}`);
  return (await response.json()) as Mail[];
}

/** The first mail to `to` whose subject contains `subject`, or undefined. */
export async function findMail(to: string, subject: string): Promise<Mail | undefined> {
  return (await receivedMail()).find((m) => m.to.includes(to) && m.subject.includes(subject));
}
