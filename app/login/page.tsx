import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  NoAccount: "There is no active Countersign account for that single sign-on email. Ask an admin to add you.",
  EmailNotVerified: "Your identity provider did not confirm your email address, so it cannot be matched to an account.",
  SessionRequired: "Sign in to continue.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
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
        />
      </div>
    </main>
  );
}

/** Only same-site paths: never bounce a signed-in user to another origin. */
function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/queue";
}
