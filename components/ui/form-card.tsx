// A titled card holding one form ("Create an agent", "Add a user"), labelled
// by its heading for screen readers.
import type { ReactNode } from "react";
import { card } from "./tokens";

export function FormCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={card}>
      <h2 id={id} className="mb-2 text-sm font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
