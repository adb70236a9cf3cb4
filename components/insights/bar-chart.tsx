// Small SVG bar charts for the insight pages, rendered on the server: no chart
// library and no script in the browser (none is installed; see
// docs/insights.md). Each chart is one image with a text alternative, and the
// page shows the numbers behind it in a table next to it, so the chart is for
// looking and the table for reading, copying and screen readers.
import { useId } from "react";

export type Bar = { label: string; value: number; /** The value as the table shows it, e.g. "12 %" or "4 min". */ text: string };

const ROW = 22;
const LABEL_WIDTH = 180;
const WIDTH = 640;

/** One horizontal bar per item: compares queues, agents or people. */
export function HorizontalBarChart({ title, description, bars }: { title: string; description: string; bars: Bar[] }) {
  const id = useId();
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * ROW + 8;
  const barSpace = WIDTH - LABEL_WIDTH - 80;
  return (
    <figure className="space-y-1">
      <figcaption id={`${id}-title`} className="text-sm font-medium">
        {title}
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-3xl text-zinc-800 dark:text-zinc-200">
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((b, i) => {
          const y = 4 + i * ROW;
          const w = max > 0 ? Math.max(b.value > 0 ? 2 : 0, (b.value / max) * barSpace) : 0;
          return (
            <g key={`${b.label}-${i}`}>
              <text x={LABEL_WIDTH - 8} y={y + 14} textAnchor="end" fontSize="12" fill="currentColor">
                {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 3} width={w} height={ROW - 8} rx="2" className="fill-sky-700 dark:fill-sky-400" />
              <text x={LABEL_WIDTH + w + 6} y={y + 14} fontSize="12" fill="currentColor">
                {b.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Bars over time, one per day (the day's total), with the first, middle and last day named on the axis. */
export function DailyBarChart({ title, description, days, values }: { title: string; description: string; days: string[]; values: number[] }) {
  const id = useId();
  const height = 160;
  const plotTop = 16;
  const plotBottom = height - 22;
  const left = 36;
  const max = Math.max(1, ...values);
  const slot = (WIDTH - left - 8) / Math.max(1, days.length);
  const marks = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])];
  return (
    <figure className="space-y-1">
      <figcaption id={`${id}-title`} className="text-sm font-medium">
        {title}
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-3xl text-zinc-800 dark:text-zinc-200">
        <desc id={`${id}-desc`}>{description}</desc>
        <text x={left - 6} y={plotTop + 4} textAnchor="end" fontSize="11" fill="currentColor">
          {max}
        </text>
        <text x={left - 6} y={plotBottom} textAnchor="end" fontSize="11" fill="currentColor">
          0
        </text>
        <line x1={left} x2={WIDTH - 8} y1={plotBottom} y2={plotBottom} stroke="currentColor" strokeOpacity="0.4" />
        {values.map((v, i) => {
          const h = ((plotBottom - plotTop) * v) / max;
          return <rect key={days[i]} x={left + i * slot + slot * 0.15} y={plotBottom - h} width={slot * 0.7} height={h} className="fill-sky-700 dark:fill-sky-400" />;
        })}
        {marks.map((i) => (
          <text key={i} x={left + i * slot + slot / 2} y={height - 6} textAnchor={i === 0 ? "start" : i === days.length - 1 ? "end" : "middle"} fontSize="11" fill="currentColor">
            {days[i]}
          </text>
        ))}
      </svg>
    </figure>
  );
}
