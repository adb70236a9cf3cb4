"use client";
// The admin sections; the current one is marked for screen readers too.
import { PillLink } from "@/components/ui/pill-link";
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
          <PillLink key={s.href} href={s.href} isCurrent={current}>
            {s.label}
          </PillLink>
        );
      })}
    </nav>
  );
}
