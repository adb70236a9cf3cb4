// Text an agent wrote, shown so the approver reads what will run: every
// invisible or direction-changing character becomes a visible marker
// (⟨U+202E⟩, named on hover and for screen readers), text with line breaks is
// a bordered block (a newline cannot fake an extra row or field), a URL shows
// its host, and the whole is isolated (<bdi>) from the text around it.
// No hooks, so it renders on the server and in client components alike.
import { segmentText, type HiddenCharacter } from "@/lib/text/hidden-characters";

const URL_PATTERN = /^https?:\/\/\S+$/i;

/** The host of an absolute http(s) URL (after any user-info), or null. */
export function hostOf(text: string): string | null {
  if (!URL_PATTERN.test(text)) return null;
  try {
    return new URL(text).host || null;
  } catch {
    return null;
  }
}

export function HiddenCharacterMarker({ char }: { char: HiddenCharacter }) {
  const description = `Hidden character ${char.label} (${char.name})`;
  return (
    <span
      data-hidden-char={char.label}
      title={description}
      className="mx-px inline-block rounded bg-amber-100 px-0.5 align-baseline font-mono text-[10px] font-semibold leading-4 text-amber-900 ring-1 ring-inset ring-amber-400 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-700"
    >
      <span aria-hidden="true">⟨{char.label}⟩</span>
      <span className="sr-only">[{description}]</span>
    </span>
  );
}

function Segments({ text }: { text: string }) {
  return (
    <>
      {segmentText(text).map((segment, i) =>
        segment.kind === "text" ? <span key={i}>{segment.text}</span> : <HiddenCharacterMarker key={i} char={segment.char} />,
      )}
    </>
  );
}

export function HostLabel({ host }: { host: string }) {
  return (
    <span
      data-url-host={host}
      className="ml-1 inline-block rounded bg-zinc-100 px-1 align-baseline font-mono text-[10px] text-zinc-700 ring-1 ring-inset ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-600"
    >
      <span className="sr-only">host: </span>
      {host}
    </span>
  );
}

/**
 * One agent string. `inline` keeps it in the line even with line breaks
 * (for places that are already a block of their own, like a diff line).
 */
export function AgentText({ text, inline = false, className = "" }: { text: string; inline?: boolean; className?: string }) {
  const multiline = !inline && /[\n\r\u2028\u2029]/.test(text);
  if (multiline) {
    return (
      <bdi
        data-agent-text="block"
        className={`my-0.5 block whitespace-pre-wrap break-words rounded border border-zinc-300 bg-zinc-50 px-1.5 py-1 dark:border-zinc-700 dark:bg-zinc-900 ${className}`}
      >
        <span className="sr-only">(text of several lines) </span>
        <Segments text={text} />
      </bdi>
    );
  }
  const host = hostOf(text);
  return (
    <bdi className={`break-words ${inline ? "whitespace-pre-wrap" : ""} ${className}`}>
      <Segments text={text} />
      {host && <HostLabel host={host} />}
    </bdi>
  );
}
