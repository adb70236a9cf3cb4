import { requireAdminPage } from "@/lib/auth/require-admin";
import { AdminNav } from "./admin-nav";

// Admin pages are a 404 for everyone else. Each page and action below checks
// again itself: a layout is not re-run on every client navigation.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdminPage("/admin");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-2 border-b border-zinc-200 pb-2 dark:border-zinc-800">
        <h1 className="text-lg font-semibold tracking-tight">Admin</h1>
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
