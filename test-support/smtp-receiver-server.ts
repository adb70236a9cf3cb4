// The SMTP receiver as a process of its own, for the end-to-end run:
// Playwright starts it (playwright.config.ts) before the app, the app mails
// it (SMTP_URL, scripts/e2e-server.sh) for the whole run, and specs read what
// arrived over HTTP: GET /mail answers every received message as JSON
// (to, from, subject, text, html), oldest first. Mail sent while other specs
// run simply lands here, so none of them sees a failing delivery.
//
//   SMTP_RECEIVER_PORT=3217 SMTP_RECEIVER_HTTP_PORT=3218 npx tsx test-support/smtp-receiver-server.ts
import { createServer } from "node:http";
import { startSmtpReceiver } from "./smtp-receiver";

const smtpPort = Number(process.env.SMTP_RECEIVER_PORT ?? 3217);
const httpPort = Number(process.env.SMTP_RECEIVER_HTTP_PORT ?? 3218);

async function main() {
  const smtp = await startSmtpReceiver(smtpPort);
  const http = createServer((request, response) => {
    if (request.method === "GET" && request.url === "/mail") {
      const mail = smtp.received.map((m) => ({
        to: m.to,
        from: m.from,
        subject: m.parsed.subject ?? "",
        text: m.parsed.text ?? "",
        html: typeof m.parsed.html === "string" ? m.parsed.html : "",
      }));
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(mail));
      return;
    }
    response.writeHead(404).end();
  });
  http.listen(httpPort, "127.0.0.1");
  const stop = () => {
    http.close();
    void smtp.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
