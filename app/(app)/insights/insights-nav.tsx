"use client";
// The insight views and the period: links, so each view is a URL and the keyboard reaches every choice.
import { usePathname } from "next/navigation";
import { PillLink } from "@/components/ui/pill-link";

const VIEWS = [
  { href: "/insights", label: "Queues" },
  { href: "/insights/agents", label: "Agents" },
  { href: "/insights/people", label: "People", adminOnly: true },
] as const;

export function InsightsNav({ admin, days }: { admin: boolean; days: number }) {
  const pathname = usePathname();
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
      <nav aria-label="Insight views" className="flex flex-wrap gap-1">
        {VIEWS.filter((v) => admin || !("adminOnly" in v)).map((v) => (
          <PillLink key={v.href} href={`${v.href}?days=${days}`} isCurrent={pathname === v.href}>
            {v.label}
          </PillLink>
        ))}
      </nav>
      <nav aria-label="Period" className="flex flex-wrap items-center gap-1">
        {[7, 30, 90].map((d) => (
          <PillLink key={d} href={`${pathname}?days=${d}`} isCurrent={d === days} variant="outlined">
            Last {d} days
          </PillLink>
        ))}
      </nav>
    </div>
  );
}
