import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { card } from "@/components/ui/tokens";
import { ChangePasswordForm } from "./change-password-form";
import { SignOutEverywhere } from "./sign-out-everywhere";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("/account", { allowPendingReset: true });
  const { reset } = await searchParams;
  return (
    <main className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">Your account</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {user.name} · {user.email} · {user.role} · signed in with {user.authMethod === "oidc" ? "single sign-on" : "a password"}
      </p>
      {user.mustChangePassword && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          An admin asked you to set a new password{reset === "required" ? " before you continue" : ""}. Until you do, the rest of Countersign is closed to you.
        </p>
      )}
      <section aria-labelledby="password-heading" className={card}>
        <h2 id="password-heading" className="text-sm font-semibold">Change password</h2>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Changing it signs you out everywhere, here too: sign in again with the new password.
        </p>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="sessions-heading" className={card}>
        <h2 id="sessions-heading" className="text-sm font-semibold">Sessions</h2>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Lost a laptop, or signed in on a shared computer? End every session of your account at once, this one included.
        </p>
        <SignOutEverywhere />
      </section>
    </main>
  );
}
