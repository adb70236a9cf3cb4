// Which Content-Type a JSON request body may carry: `application/json` (or a
// `+json` type), with no charset or a charset that names UTF-8. JSON exchanged
// between systems is UTF-8 (RFC 8259, section 8.1) and the body reader decodes
// UTF-8 only (read-json.ts); a client that declares another charset (latin1,
// utf-16 …) means other characters than the ones we would store, so it is
// refused with 415 instead of being read as UTF-8 regardless. The one rule for
// every JSON body of the agent API (read-json.ts is its only caller).
//
// "Names UTF-8": any label the WHATWG Encoding Standard maps to UTF-8 (`utf-8`,
// `utf8`, `unicode-1-1-utf-8` …), case-insensitive, quoted or not; the
// platform's TextDecoder knows the labels, so the list is not ours to keep.

export const ACCEPTED_JSON_CONTENT_TYPES = "`application/json` or `application/json; charset=utf-8`";

export type JsonContentTypeProblem = { kind: "not_json" } | { kind: "charset"; charset: string };

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/** Null when `header` announces a UTF-8 JSON body; else why not. */
export function jsonContentTypeProblem(header: string | null): JsonContentTypeProblem | null {
  if (!header || !JSON_MEDIA_TYPE.test(header)) return { kind: "not_json" };
  for (const parameter of header.split(";").slice(1)) {
    const equals = parameter.indexOf("=");
    if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== "charset") continue;
    const charset = unquote(parameter.slice(equals + 1).trim());
    if (!namesUtf8(charset)) return { kind: "charset", charset };
  }
  return null;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value;
}

function namesUtf8(label: string): boolean {
  if (label.toLowerCase() === "utf-8") return true; // what nearly every client sends, without a TextDecoder
  try {
    return new TextDecoder(label).encoding === "utf-8";
  } catch {
    return false; // not an encoding the platform knows (RangeError): certainly not one we decode
  }
}
