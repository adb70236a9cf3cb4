// The one component that renders agent text, rendered to HTML: markers for
// hidden characters, blocks for multi-line text, hosts for URLs.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AgentText } from "@/components/agent-text";
import { ValueTree } from "@/components/value-tree";

const html = (text: string, inline = false) => renderToStaticMarkup(createElement(AgentText, { text, inline }));

describe("AgentText", () => {
  it("replaces each hidden character with a named marker, so none reaches the page", () => {
    const out = html("DE89\u202E3704");
    expect(out).toContain('data-hidden-char="U+202E"');
    expect(out).toContain('title="Hidden character U+202E (right-to-left override)"');
    expect(out).toContain("⟨U+202E⟩");
    expect(out).not.toContain("\u202E");
    expect(html("a\u200Bb\u200Bc").match(/data-hidden-char="U\+200B"/g)).toHaveLength(2);
  });

  it("shows multi-line text as a bordered block, unless asked to stay inline", () => {
    expect(html("line one\nline two")).toContain('data-agent-text="block"');
    expect(html("line one\nline two", true)).not.toContain('data-agent-text="block"');
    expect(html("one line")).not.toContain('data-agent-text="block"');
  });

  it("shows the host of a URL next to it", () => {
    expect(html("https://erp.example@evil.example/pay")).toContain('data-url-host="evil.example"');
    expect(html("not a url")).not.toContain("data-url-host");
  });

  it("is what the value tree uses for keys and strings", () => {
    const out = renderToStaticMarkup(createElement(ValueTree, { value: { "k\u200B": "v\u202E", memo: "a\nb" } }));
    expect(out).toContain('data-hidden-char="U+200B"');
    expect(out).toContain('data-hidden-char="U+202E"');
    expect(out).toContain('data-agent-text="block"');
  });
});
