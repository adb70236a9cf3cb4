"use client";
// The insight pages' charts, drawn by recharts (see docs/insights.md for why
// this library). A client component imported only by the /insights pages, so
// recharts lands in those pages' JavaScript and no other route's.
//
// Each chart is an SVG with recharts' accessibility layer: it is in the tab
// order, named by its <title> and described by its <desc>, and the arrow keys
// move the tooltip from bar to bar (focus shows the first). The numbers behind
// it are in a table next to it on the page, which stays the source for screen
// readers and copying. The chart has a fixed height (its width follows the
// page), so it takes its place before it is measured and nothing shifts; no
// animation, so it is drawn at once and honours reduced motion.
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { muted } from "@/components/ui/tokens";

export type Bar = { label: string; value: number; /** The value as the table shows it, e.g. "12 %" or "4 min". */ text: string };
export type DailyPoint = { day: string; value: number };

/** The bars' colour and the focus ring, light and dark, set by CSS (it overrides recharts' fill attribute). */
const frame =
  "text-zinc-800 dark:text-zinc-200 [&_.recharts-bar-rectangle_path]:fill-sky-700 dark:[&_.recharts-bar-rectangle_path]:fill-sky-400 " +
  "[&_svg.recharts-surface]:rounded-sm [&_svg.recharts-surface:focus-visible]:outline-2 [&_svg.recharts-surface:focus-visible]:outline-offset-2 [&_svg.recharts-surface:focus-visible]:outline-sky-600";
const tick = { fill: "currentColor", fontSize: 12 };
const tooltipBox = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs text-zinc-900 shadow-sm dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

function BarTooltip({ active, payload }: TooltipContentProps) {
  const item = active ? (payload?.[0]?.payload as { label?: string; day?: string; text?: string; value: number } | undefined) : undefined;
  if (!item) return null;
  return (
    <div className={tooltipBox} data-chart-tooltip="">
      <span className="font-medium">{item.label ?? item.day}</span>: {item.text ?? item.value}
    </div>
  );
}

function NothingToChart({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <p className={`text-sm ${muted}`}>{children}</p>
    </figure>
  );
}

const ROW = 28;

/** One horizontal bar per item: compares queues, agents or people. */
export function HorizontalBarChart({ title, description, bars, empty }: { title: string; description: string; bars: Bar[]; empty: string }) {
  if (!bars.some((b) => b.value > 0)) return <NothingToChart title={title}>{empty}</NothingToChart>;
  const height = bars.length * ROW + 16;
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-medium" aria-hidden="true">
        {title}
      </figcaption>
      <div className={`w-full max-w-3xl ${frame}`} style={{ height }} data-chart="horizontal-bars">
        <BarChart
          responsive
          style={{ width: "100%", height }}
          data={bars}
          layout="vertical"
          title={title}
          desc={description}
          margin={{ top: 8, right: 64, bottom: 8, left: 8 }}
          barCategoryGap={6}
        >
          <XAxis type="number" hide domain={[0, "dataMax"]} />
          <YAxis type="category" dataKey="label" width={180} tick={tick} tickLine={false} interval={0} tickFormatter={(l: string) => (l.length > 26 ? `${l.slice(0, 25)}…` : l)} />
          <Tooltip content={BarTooltip} cursor={{ fill: "currentColor", fillOpacity: 0.08 }} isAnimationActive={false} />
          <Bar dataKey="value" isAnimationActive={false} minPointSize={(v) => (Number(v) > 0 ? 2 : 0)}>
            <LabelList dataKey="text" position="right" fill="currentColor" fontSize={12} />
          </Bar>
        </BarChart>
      </div>
    </figure>
  );
}

/** Bars over time, one per day (the day's total). */
export function DailyBarChart({ title, description, points, empty }: { title: string; description: string; points: DailyPoint[]; empty: string }) {
  if (!points.some((p) => p.value > 0)) return <NothingToChart title={title}>{empty}</NothingToChart>;
  const height = 200;
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-medium" aria-hidden="true">
        {title}
      </figcaption>
      <div className={`w-full max-w-3xl ${frame}`} style={{ height }} data-chart="daily-bars">
        <BarChart responsive style={{ width: "100%", height }} data={points} title={title} desc={description} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="day" tick={tick} tickLine={false} interval="preserveStartEnd" minTickGap={24} tickFormatter={(d: string) => d.slice(5)} />
          <YAxis allowDecimals={false} tick={tick} tickLine={false} axisLine={false} width={40} />
          <Tooltip content={BarTooltip} cursor={{ fill: "currentColor", fillOpacity: 0.08 }} isAnimationActive={false} />
          <Bar dataKey="value" isAnimationActive={false} />
        </BarChart>
      </div>
    </figure>
  );
}
