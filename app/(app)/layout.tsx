import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { SignOutButton } from "@/components/sign-out-button";
import { Providers } from "@/components/providers";
import { isAdmin } from "@/lib/auth/require-admin";

// Navigation only: every page and action below checks the user again itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The account page stays reachable while a forced password reset is due; every other page sends the user there.
  const user = await requireUser(undefined, { allowPendingReset: true });
  return (
    <Providers>
      <div className="flex min-h-screen flex-col">
        <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/95 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
          <div className="mx-auto flex h-12 max-w-[1400px] items-center gap-6 px-4">
            <Link href="/queue" className="font-semibold tracking-tight">
              Countersign
            </Link>
            <nav aria-label="Main" className="flex gap-4 text-sm">
              <Link href="/queue" className="text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white">
                Queue
              </Link>
              <Link href="/receipts" className="text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white">
                Receipts
              </Link>
              <Link href="/insights" className="text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white">
                Insights
              </Link>
              {isAdmin(user) && (
                <Link href="/admin" className="text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white">
                  Admin
                </Link>
              )}
            </nav>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <Link href="/account" className="text-zinc-600 hover:text-zinc-950 dark:text-zinc-400 dark:hover:text-white" title="Your account: password and sessions">
                {user.name} · <span className="font-medium">{user.role}</span>
              </Link>
              <SignOutButton />
            </div>
          </div>
        </header>
        <div className="mx-auto w-full max-w-[1400px] flex-1 px-4 py-4">{children}</div>
      </div>
    </Providers>
  );
}
