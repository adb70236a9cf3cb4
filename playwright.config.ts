// End-to-end tests against the production build (npm run build first), on a
// fresh SQLite database with the demo data, in Debian's Chromium when present.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3219);
// The SMTP receiver the app mails during the run, and its HTTP side the specs read (e2e/mailbox.ts).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 7);
const mailboxPort = Number(process.env.E2E_MAILBOX_PORT ?? port + 8);
process.env.E2E_MAILBOX_URL = `http://127.0.0.1:${mailboxPort}/mail`;
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? systemChromium,
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      // A real OpenID Connect provider (e2e/oidc-provider.mjs) for the single sign-on tests.
      command: `node e2e/oidc-provider.mjs`,
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(oidcPort), APP_URL: `http://127.0.0.1:${port}` },
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      // A real SMTP server (test-support/smtp-receiver-server.ts): the app's notification mail lands here.
      command: `npx tsx test-support/smtp-receiver-server.ts`,
      url: `http://127.0.0.1:${mailboxPort}/mail`,
      env: { SMTP_RECEIVER_PORT: String(smtpPort), SMTP_RECEIVER_HTTP_PORT: String(mailboxPort) },
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      // The app, with single sign-on pointed at that provider (see scripts/e2e-server.sh).
      command: `bash scripts/e2e-server.sh ${port} ${oidcPort} ${smtpPort}`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
  ],
});
