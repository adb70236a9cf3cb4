"use client";
// The admin sections; the current one is marked for screen readers too.
import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { href: "/admin/users", label: "Users & roles" },
  { href: "/admin/agents", label: "Agents & keys" },
  { href: "/admin/tools", label: "Tools" },
  { href: "/admin/queues", label: "Queues" },
  { href: "/admin/policies", label: "Policies" },
  { href: "/admin/security", label: "Security log" },
  { href: "/admin/webhooks", label: "Webhook deliveries" },
  { href: "/admin/notifications", label: "Notifications" },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="flex flex-wrap gap-1 text-sm">
      {SECTIONS.map((s) => {
        const current = pathname === s.href || pathname.startsWith(`${s.href}/`);
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-2.5 py-1 ${
              current
                ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-950 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
            }`}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
