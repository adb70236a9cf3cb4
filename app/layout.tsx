import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";
import { ZodJitless } from "@/components/zod-jitless";

export const metadata: Metadata = {
  title: { default: "Countersign", template: "%s · Countersign" },
  description: "Approval queue for actions that AI agents propose.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
