import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { safeCallback } from "@/lib/auth/safe-callback";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  NoAccount: "There is no active Countersign account for that single sign-on email. Ask an admin to add you.",
  EmailNotVerified: "Your identity provider did not confirm your email address, so it cannot be matched to an account.",
  IdentityMismatch:
    "This Countersign account is linked to a different identity at your single sign-on provider, so this sign-in was refused. If your provider account was replaced, ask an admin to unlink the old one.",
  SessionRequired: "Sign in to continue.",
};

const NOTICES: Record<string, string> = {
  password_changed: "Your password was changed and every session was signed out. Sign in with your new password.",
  signed_out_everywhere: "You were signed out on every device. Sign in again to continue.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const { NEXTAUTH_URL, PUBLIC_URL } = env();
  const callbackUrl = safeCallback(params.callbackUrl, new URL(NEXTAUTH_URL ?? PUBLIC_URL).origin);
  if (await getCurrentUser()) redirect(callbackUrl);
  const { OIDC_ISSUER, OIDC_NAME } = env();
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-xl font-semibold">Sign in to Countersign</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Review and decide what your agents propose.</p>
        <LoginForm
          callbackUrl={callbackUrl}
          ssoName={OIDC_ISSUER ? OIDC_NAME : null}
          initialError={params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null}
          notice={params.notice ? (NOTICES[params.notice] ?? null) : null}
        />
      </div>
    </main>
  );
}
