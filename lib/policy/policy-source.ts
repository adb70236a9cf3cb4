// The text side of a .cedar file: where each policy starts and ends, the
// comment that explains it, and how Cedar's byte offsets map to a line and
// column a person can open in an editor. Cedar has `//` comments and "..."
// strings only, and `;` ends a policy anywhere else, so a short scanner is
// exact here.

export type PolicyChunk = {
  /** The policy's source, its leading comment removed. */
  text: string;
  /** Byte offset of `text` in the file (Cedar reports byte offsets). */
  byteOffset: number;
  /** The `//` comment lines right above the policy, without the slashes. */
  comment: string;
};

/** Splits a policy file into one chunk per policy (each ending with its `;`). */
export function splitPolicies(source: string): PolicyChunk[] {
  const chunks: PolicyChunk[] = [];
  let start = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "/" && source[i + 1] === "/") {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end + 1;
    } else if (ch === '"') {
      i++;
      while (i < source.length && source[i] !== '"') i += source[i] === "\\" ? 2 : 1;
      i++;
    } else if (ch === ";") {
      chunks.push(chunkOf(source, start, i + 1));
      start = i + 1;
      i++;
    } else {
      i++;
    }
  }
  return chunks;
}

function chunkOf(source: string, start: number, end: number): PolicyChunk {
  const raw = source.slice(start, end);
  // Leading blank lines and comment lines belong to the explanation, not the policy.
  const lines = raw.split("\n");
  const commentLines: string[] = [];
  let skipped = 0;
  while (lines.length > 1) {
    const line = lines[0]!.trim();
    if (line !== "" && !line.startsWith("//")) break;
    if (line === "") commentLines.length = 0; // a blank line ends the comment above it
    else commentLines.push(line.replace(/^\/\/ ?/, ""));
    skipped += lines[0]!.length + 1;
    lines.shift();
  }
  const leadingSpace = /^\s*/.exec(lines.join("\n"))![0].length;
  const textStart = start + skipped + leadingSpace;
  return {
    text: source.slice(textStart, end),
    byteOffset: Buffer.byteLength(source.slice(0, textStart)),
    comment: commentLines.join("\n"),
  };
}

export type Position = { line: number; column: number };

/** 1-based line and column of a byte offset into `source`. */
export function positionAt(source: string, byteOffset: number): Position {
  const before = Buffer.from(source).subarray(0, Math.max(0, byteOffset)).toString("utf8");
  const lines = before.split("\n");
  return { line: lines.length, column: [...lines[lines.length - 1]!].length + 1 };
}

/** The source line at `line`, with a caret under `column`, for error messages. */
export function excerpt(source: string, { line, column }: Position): string {
  const text = source.split("\n")[line - 1] ?? "";
  const gutter = String(line);
  return `      ${gutter} | ${text}\n      ${" ".repeat(gutter.length)} | ${" ".repeat(Math.max(0, column - 1))}^`;
}
