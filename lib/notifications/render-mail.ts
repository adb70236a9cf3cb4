// Notification mail, as text and HTML. Every value from an envelope is escaped
// (an agent writes titles), and every link opens a page; nothing in a mail
// decides by being fetched (mail scanners follow links).
import { factFields, type ProposalFacts } from "@/lib/notifications/proposal-facts";
import { appUrl, proposalUrl } from "@/lib/notifications/proposal-link";

export type Mail = { subject: string; text: string; html: string };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Subjects are one line: a title with a newline must not add headers or lines. */
const oneLine = (s: string, max = 150) => s.replace(/[\r\n\t]+/g, " ").slice(0, max);

function htmlPage(heading: string, body: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#18181b;max-width:640px">` +
    `<h1 style="font-size:18px">${escape(heading)}</h1>${body}` +
    `<p style="color:#71717a;font-size:12px">Links open Countersign; you sign in and decide there. ` +
    `<a href="${escape(appUrl("/account/notifications"))}">Notification settings</a></p></body></html>`;
}

function htmlFacts(p: ProposalFacts): string {
  const rows = factFields(p).map(([k, v]) => `<tr><th align="left" style="padding-right:12px">${escape(k)}</th><td>${escape(v)}</td></tr>`).join("");
  return `<table>${rows}</table>`;
}

export function immediateMail(p: ProposalFacts): Mail {
  const url = proposalUrl(p.id);
  const text = [
    `A ${p.risk}-risk proposal waits for your decision:`,
    "",
    p.title,
    ...(p.summary ? ["", p.summary] : []),
    "",
    ...factFields(p).map(([k, v]) => `${k}: ${v}`),
    "",
    `Review it: ${url}`,
    "",
    `Change what you receive: ${appUrl("/account/notifications")}`,
  ].join("\n");
  const html = htmlPage(
    p.title,
    `<p>A <strong>${escape(p.risk)}</strong>-risk proposal waits for your decision.</p>` +
      (p.summary ? `<p>${escape(p.summary)}</p>` : "") +
      htmlFacts(p) +
      `<p><a href="${escape(url)}">Review the proposal</a></p>`,
  );
  return { subject: oneLine(`[${p.risk}] ${p.title}`), text, html };
}

export function digestMail(items: ProposalFacts[], total: number): Mail {
  const lines = items.map((p) => `- ${oneLine(p.title)} (${p.queue}, ${p.risk}, ${p.agent})\n  ${proposalUrl(p.id)}`);
  const more = total > items.length ? [`…and ${total - items.length} more: ${appUrl("/queue")}`] : [];
  const text = [`${total} pending proposal${total === 1 ? "" : "s"} you may decide:`, "", ...lines, ...more, "", `Change what you receive: ${appUrl("/account/notifications")}`].join("\n");
  const list = items
    .map((p) => `<li><a href="${escape(proposalUrl(p.id))}">${escape(p.title)}</a> <span style="color:#71717a">${escape(`${p.queue} · ${p.risk} · ${p.agent}`)}</span></li>`)
    .join("");
  const html = htmlPage(
    "Your Countersign digest",
    `<p>${total} pending proposal${total === 1 ? "" : "s"} you may decide.</p><ul>${list}</ul>` +
      (more.length ? `<p><a href="${escape(appUrl("/queue"))}">…and ${total - items.length} more</a></p>` : ""),
  );
  return { subject: `Countersign digest: ${total} pending proposal${total === 1 ? "" : "s"}`, text, html };
}

export function reminderMail(p: ProposalFacts, serviceMinutes: number): Mail {
  const url = proposalUrl(p.id);
  const text = [
    `Pending longer than the queue's service time (${serviceMinutes} min):`,
    "",
    p.title,
    "",
    ...factFields(p).map(([k, v]) => `${k}: ${v}`),
    `Pending since: ${p.createdAt.toISOString()}`,
    "",
    `Review it: ${url}`,
  ].join("\n");
  const html = htmlPage(
    `Overdue: ${p.title}`,
    `<p>Pending longer than the queue's service time (${serviceMinutes} min), since ${escape(p.createdAt.toISOString())}.</p>` +
      htmlFacts(p) +
      `<p><a href="${escape(url)}">Review the proposal</a></p>`,
  );
  return { subject: oneLine(`[overdue] ${p.title}`), text, html };
}
