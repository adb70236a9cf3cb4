// The GET filter form of the log pages: filters live in the URL (shareable,
// bookmarkable, the same URL feeds exports) and work without JavaScript.
import Link from "next/link";
import type { ReactNode } from "react";
import { field, link, panel, stackedLabel } from "./tokens";

export function FilterBar({ action, label, children }: { action: string; label: string; children: ReactNode }) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className={`flex flex-wrap items-end gap-x-3 gap-y-2 p-2 ${panel}`}>
      {children}
    </form>
  );
}

type SelectProps = {
  label: string;
  name: string;
  defaultValue: string | undefined;
  /** Width class, e.g. `w-44`. */
  width: string;
  /** The first option's text, meaning "no filter". */
  any: string;
  options: (readonly [string, string])[];
  describedBy?: string;
};

export function FilterSelect({ label, name, defaultValue, width, any, options, describedBy }: SelectProps) {
  return (
    <label className={stackedLabel}>
      {label}
      <select name={name} defaultValue={defaultValue ?? ""} className={`${field} ${width}`} aria-describedby={describedBy}>
        <option value="">{any}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The "From" and "To" day inputs (UTC days, both ends included). */
export function FilterDays({ from, to }: { from: string | undefined; to: string | undefined }) {
  return (
    <>
      <label className={stackedLabel}>
        From (UTC)
        <input type="date" name="from" defaultValue={from ?? ""} className={`${field} w-36`} />
      </label>
      <label className={stackedLabel}>
        To (UTC, inclusive)
        <input type="date" name="to" defaultValue={to ?? ""} className={`${field} w-36`} />
      </label>
    </>
  );
}

/** A free-text filter. */
export function FilterText({ label, name, defaultValue, width, ...rest }: { label: string; name: string; defaultValue: string | undefined; width: string; type?: "text" | "search"; placeholder?: string; describedBy?: string }) {
  return (
    <label className={stackedLabel}>
      {label}
      <input
        type={rest.type ?? "text"}
        name={name}
        defaultValue={defaultValue ?? ""}
        placeholder={rest.placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={rest.describedBy}
        className={`${field} ${width}`}
      />
    </label>
  );
}

/** The end of a filter form: submit, and a way back to the unfiltered view when filters are on. */
export function FilterActions({ active, resetHref }: { active: boolean; resetHref: string }) {
  return (
    <div className="flex items-center gap-2 pb-px">
      <button
        type="submit"
        className="h-8 rounded-md bg-zinc-900 px-3 text-sm font-medium text-white hover:bg-zinc-700 focus:outline-none focus:ring-2 focus:ring-blue-600/40 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white"
      >
        Apply filters
      </button>
      {active && (
        <Link href={resetHref} className={`text-sm ${link}`}>
          Reset filters
        </Link>
      )}
    </div>
  );
}

/** The filter bar's footnote, full width under the fields. */
export function FilterHelp({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="basis-full text-xs text-zinc-500 dark:text-zinc-400">
      {children}
    </p>
  );
}
