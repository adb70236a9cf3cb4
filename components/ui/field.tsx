// A labelled field of the admin forms: the label above, the control below.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { input, label as labelClass, primaryButton } from "./tokens";

type Common = { id: string; label: ReactNode; /** Width class of the control, e.g. `w-48`. */ width?: string; wrapperClass?: string };

export function TextField({ id, label, width = "", wrapperClass, className = "", ...rest }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "id">) {
  return (
    <div className={wrapperClass}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} className={`${input} mt-1 ${width} ${className}`} {...rest} />
    </div>
  );
}

export function SelectField({ id, label, width = "", wrapperClass, children, ...rest }: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className">) {
  return (
    <div className={wrapperClass}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} className={`${input} mt-1 ${width}`} {...rest}>
        {children}
      </select>
    </div>
  );
}

export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" disabled={busy} className={primaryButton}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** The note under a form's fields, referenced by aria-describedby. */
export function FieldHelp({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-xs text-zinc-500 dark:text-zinc-400">
      {children}
    </p>
  );
}
