// Which syntax highlighting a text change gets: the language of the file it
// names (its target id or label ends in a file name), or none for prose (an
// email, a note). Names are Prism/refractor languages that the diff viewer
// loads on demand (react-diff-viewer-continued's highlightLanguage).
const BY_EXTENSION: Record<string, string> = {
  ts: "typescript", mts: "typescript", cts: "typescript", tsx: "tsx",
  js: "javascript", mjs: "javascript", cjs: "javascript", jsx: "jsx",
  json: "json", py: "python", rb: "ruby", go: "go", rs: "rust", java: "java", kt: "kotlin",
  c: "c", h: "c", cpp: "cpp", cc: "cpp", hpp: "cpp", cs: "csharp", swift: "swift", php: "php",
  sql: "sql", css: "css", scss: "scss", sass: "sass", less: "less", html: "html", xml: "xml", svg: "svg",
  md: "markdown", yaml: "yaml", yml: "yaml", sh: "bash", bash: "bash", zsh: "bash", ini: "ini", toml: "ini",
  lua: "lua", r: "r", pl: "perl", diff: "diff", patch: "diff",
};
const BY_NAME: Record<string, string> = { makefile: "makefile", dockerfile: "bash" };

/** The language of a file name or path ("src/app.ts" → "typescript"), or null. */
export function languageOfFile(name: string | undefined | null): string | null {
  if (!name) return null;
  const base = name.trim().split(/[\\/]/).at(-1)!.toLowerCase();
  if (BY_NAME[base]) return BY_NAME[base]!;
  const match = /\.([a-z0-9+]+)$/.exec(base);
  return match ? (BY_EXTENSION[match[1]!] ?? null) : null;
}

/** The language of a change's target: its id, else its label, names the file. */
export function languageOfTarget(target: { id: string; label?: string }): string | null {
  return languageOfFile(target.id) ?? languageOfFile(target.label);
}
