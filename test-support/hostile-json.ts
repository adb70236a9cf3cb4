// Generators of hostile request bodies for the property tests (unit, database
// and end-to-end): arbitrary JSON and text, valid bodies with one part
// replaced, and the known troublemakers (lone surrogates, NUL, huge numbers,
// deep nesting, huge arrays, reserved keys, invalid UTF-8). A body is JSON
// text or raw bytes, exactly as it would travel over HTTP.
import fc from "fast-check";

/** Fixed, so a run is repeatable; fast-check prints the seed and path of a failure to replay it. */
export const FUZZ_SEED = 0x5eed_2026;

export type HostileBody = string | Uint8Array;

const TROUBLE_STRINGS = [
  "\ud800",
  "a\udc00b",
  "\udbff",
  "x\u0000y",
  "\u202Eevil",
  "po\u200B",
  "\uFEFF",
  "\u2066x\u2069",
  "👨‍👩‍👧",
  "__proto__",
  "constructor",
  "prototype",
  "line one\nline two",
  "https://evil.example@bank.example/",
  "",
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: "binary" }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }) },
  { weight: 3, arbitrary: fc.constantFrom(...TROUBLE_STRINGS) },
  { weight: 1, arbitrary: fc.tuple(fc.string(), fc.constantFrom(...TROUBLE_STRINGS), fc.string()).map(([a, b, c]) => a + b + c) },
);

const NUMBER_TEXTS = ["1e400", "-1e400", "1e308", "-1e-400", "123456789012345678901234567890", "9007199254740993", "-0", "0.000000000000000000001", "1E+2", "01", "1.", "NaN", "Infinity"];

/** A JSON fragment as text: usually valid JSON, sometimes not. */
const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3, depthSize: "small" }).map((v) => JSON.stringify(v) ?? "null") },
  { weight: 3, arbitrary: hostileString.map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBER_TEXTS) },
  { weight: 1, arbitrary: fc.double().map((d) => JSON.stringify(d) ?? "0") },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 6000 }), fc.boolean(), fc.boolean()).map(([n, objects, closed]) => {
      const open = objects ? '{"a":'.repeat(n) : "[".repeat(n);
      return closed ? open + "1" + (objects ? "}" : "]").repeat(n) : open;
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 9_990, max: 12_000 }).map((n) => `[${"0,".repeat(n)}0]`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 500 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":[]`).join(",")}}`) },
  { weight: 1, arbitrary: fc.string().map((s) => s) },
);

/** A key to insert: hostile text, reserved names, or look-alikes of real keys. */
const hostileKey: fc.Arbitrary<string> = fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "prototype", "title\u200B", "status", "decided_by"));

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

const MARKER = "\u0001countersign-fuzz-marker\u0001";

/** JSON text of `base` with the value at `path` replaced by raw `raw` text (or a key added next to it, or removed). */
function mutate(base: unknown, path: Path, op: "replace" | "insert" | "delete", key: string, raw: string): string {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  if (path.length === 0) return op === "delete" ? "" : raw;
  let parent: any = copy;
  for (const part of path.slice(0, -1)) parent = parent[part];
  const last = path[path.length - 1]!;
  if (op === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return JSON.stringify(copy);
  }
  if (op === "insert" && !Array.isArray(parent)) {
    // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
    Object.defineProperty(parent, key, { value: MARKER, enumerable: true, configurable: true, writable: true });
  } else parent[last] = MARKER;
  return JSON.stringify(copy).replace(JSON.stringify(MARKER), () => raw);
}

/** `base` with one part replaced, added or removed. */
export function mutatedBody(base: unknown): fc.Arbitrary<string> {
  const paths = pathsOf(base);
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom("replace", "insert", "delete", "replace", "insert"), hostileKey, fragment)
    .map(([path, op, key, raw]) => mutate(base, path, op as "replace" | "insert" | "delete", key, raw));
}

/** Every kind of body, weighted towards valid bodies with one hostile part. */
export function hostileBody(base: unknown): fc.Arbitrary<HostileBody> {
  return fc.oneof(
    { weight: 8, arbitrary: mutatedBody(base) },
    { weight: 2, arbitrary: fragment },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4, depthSize: "small" }).map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    {
      weight: 1,
      arbitrary: fc.tuple(mutatedBody(base), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80])).map(([text, bytes]) => {
        const encoded = new TextEncoder().encode(text);
        const at = Math.floor(encoded.length / 2);
        return new Uint8Array([...encoded.slice(0, at), ...bytes, ...encoded.slice(at)]);
      }),
    },
  );
}

/** A short description of a body for a failure message. */
export function describeBody(body: HostileBody): string {
  const text = typeof body === "string" ? body : `bytes ${Buffer.from(body).toString("hex")}`;
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
}
