// Characters that change what a person sees without being seen themselves:
// direction controls (U+202E reverses an IBAN on screen), zero-width and other
// format characters (a key "po" plus U+200B reads as "po"), and control
// characters. One pure module, used by the envelope check (to refuse them
// where the approver must read exact text) and by the UI (to show them where
// they are accepted). Runs on the server and in the browser.

export type HiddenCharacter = {
  /** Index in UTF-16 code units, as String.prototype positions count. */
  index: number;
  codePoint: number;
  /** "U+202E" */
  label: string;
  /** A readable name, e.g. "right-to-left override". */
  name: string;
  /** Direction controls and format characters; the rest are control characters. */
  kind: "bidi" | "format" | "control" | "separator";
};

const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

const NAMES: Record<number, string> = {
  0x00ad: "soft hyphen",
  0x061c: "Arabic letter mark",
  0x180e: "Mongolian vowel separator",
  0x200b: "zero-width space",
  0x200c: "zero-width non-joiner",
  0x200d: "zero-width joiner",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2028: "line separator",
  0x2029: "paragraph separator",
  0x2060: "word joiner",
  0x2061: "function application",
  0x2062: "invisible times",
  0x2063: "invisible separator",
  0x2064: "invisible plus",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
  0xfeff: "zero-width no-break space (byte order mark)",
  0xfff9: "interlinear annotation anchor",
  0xfffa: "interlinear annotation separator",
  0xfffb: "interlinear annotation terminator",
};

const FORMAT = /^\p{Cf}$/u;
const CONTROL = /^\p{Cc}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
// Between an emoji and the joiner: variation selector 16 and skin-tone modifiers.
const EMOJI_TRAILER = (cp: number) => cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff);

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

function nameOf(cp: number, kind: HiddenCharacter["kind"]): string {
  if (NAMES[cp]) return NAMES[cp];
  if (cp >= 0xe0000 && cp <= 0xe007f) return "tag character";
  if (kind === "control") return "control character";
  return "invisible format character";
}

/** ZWJ (U+200D) joining two emoji (👨‍👩‍👧), the one format character people type on purpose. */
function isEmojiJoiner(codePoints: number[], i: number): boolean {
  let before = i - 1;
  while (before >= 0 && EMOJI_TRAILER(codePoints[before]!)) before--;
  const after = codePoints[i + 1];
  return before >= 0 && PICTOGRAPHIC.test(String.fromCodePoint(codePoints[before]!)) && after !== undefined && PICTOGRAPHIC.test(String.fromCodePoint(after));
}

function classify(codePoints: number[], i: number, next: number | undefined): HiddenCharacter["kind"] | null {
  const cp = codePoints[i]!;
  if (BIDI.has(cp)) return "bidi";
  const ch = String.fromCodePoint(cp);
  if (FORMAT.test(ch)) return cp === 0x200d && isEmojiJoiner(codePoints, i) ? null : "format";
  if (cp === 0x2028 || cp === 0x2029) return "separator";
  if (CONTROL.test(ch)) {
    // Line breaks and tabs are shown as what they are; a CR only as part of CRLF.
    if (cp === 0x0a || cp === 0x09) return null;
    if (cp === 0x0d && next === 0x0a) return null;
    return "control";
  }
  return null;
}

/** Every character of `text` a person would not see (or would see wrongly), in order. */
export function findHiddenCharacters(text: string): HiddenCharacter[] {
  const found: HiddenCharacter[] = [];
  // Fast path: printable ASCII and ordinary text have none of these.
  if (!/[\p{Cf}\p{Cc}\u2028\u2029]/u.test(text)) return found;
  const codePoints: number[] = [];
  const indexes: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    codePoints.push(cp);
    indexes.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  for (let k = 0; k < codePoints.length; k++) {
    const kind = classify(codePoints, k, codePoints[k + 1]);
    if (!kind) continue;
    const cp = codePoints[k]!;
    found.push({ index: indexes[k]!, codePoint: cp, label: codePointLabel(cp), name: nameOf(cp, kind), kind });
  }
  return found;
}

/**
 * The first character that must not appear where exact text matters (keys,
 * titles, tools, scopes, paths): direction controls and format characters.
 * Control characters are left to the schema of each field.
 */
export function firstRefusedCharacter(text: string): HiddenCharacter | null {
  return findHiddenCharacters(text).find((c) => c.kind === "bidi" || c.kind === "format") ?? null;
}

/** "contains an invisible or direction-changing character U+202E (right-to-left override) at position 12" */
export function describeRefusedCharacter(c: HiddenCharacter): string {
  return `contains an invisible or direction-changing character ${c.label} (${c.name}) at position ${c.index}`;
}

export type TextSegment = { kind: "text"; text: string } | { kind: "hidden"; char: HiddenCharacter };

/** `text` split into visible runs and hidden characters, for rendering each hidden one as a marker. */
export function segmentText(text: string): TextSegment[] {
  const hidden = findHiddenCharacters(text);
  if (hidden.length === 0) return text === "" ? [] : [{ kind: "text", text }];
  const segments: TextSegment[] = [];
  let from = 0;
  for (const char of hidden) {
    if (char.index > from) segments.push({ kind: "text", text: text.slice(from, char.index) });
    segments.push({ kind: "hidden", char });
    from = char.index + (char.codePoint > 0xffff ? 2 : 1);
  }
  if (from < text.length) segments.push({ kind: "text", text: text.slice(from) });
  return segments;
}

/** Whether any string or key in a JSON-like value holds a hidden character (for the page's banner). */
export function containsHiddenCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return findHiddenCharacters(value).length > 0;
  if (depth > 100 || typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => containsHiddenCharacters(v, depth + 1));
  return Object.entries(value).some(([k, v]) => findHiddenCharacters(k).length > 0 || containsHiddenCharacters(v, depth + 1));
}
