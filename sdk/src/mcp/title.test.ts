import { describe, expect, it } from "vitest";
import { defaultTitle, oneLine, renderTemplate } from "./title";

describe("renderTemplate", () => {
  it("fills placeholders from the arguments, nested paths included", () => {
    expect(renderTemplate("Refund {{order_id}} ({{amount}})", { order_id: "A-1", amount: 30 })).toBe("Refund A-1 (30)");
    expect(renderTemplate("Email {{ to.name }} <{{to.email}}>", { to: { name: "Ann", email: "ann@example.com" } })).toBe("Email Ann <ann@example.com>");
    expect(renderTemplate("First: {{items.0}}", { items: ["x", "y"] })).toBe("First: x");
  });

  it("shows a missing value as ? and objects as compact JSON", () => {
    expect(renderTemplate("Refund {{order_id}} ({{amount}})", { order_id: "A-1" })).toBe("Refund A-1 (?)");
    expect(renderTemplate("Set {{fields}}", { fields: { a: 1 } })).toBe('Set {"a":1}');
  });

  it("never reads inherited properties", () => {
    expect(renderTemplate("{{constructor}} {{toString}} {{__proto__}}", {})).toBe("? ? ?");
  });

  it("keeps a title on one visible line: no newlines, bidi overrides or zero-width characters", () => {
    expect(renderTemplate("Pay {{who}}", { who: "Acme\u202Egnp.exe\u200B\nInc" })).toBe("Pay Acme gnp.exe Inc");
  });

  it("cuts a long title to 300 characters with an ellipsis", () => {
    const title = renderTemplate("{{text}}", { text: "x".repeat(1000) });
    expect(title).toHaveLength(300);
    expect(title.endsWith("…")).toBe(true);
  });
});

describe("defaultTitle", () => {
  it("names the tool and its arguments", () => {
    expect(defaultTitle("refund_order", { order_id: "A-1", amount: 30 })).toBe('refund_order(order_id: "A-1", amount: 30)');
    expect(defaultTitle("ping", {})).toBe("ping()");
  });

  it("shortens large argument values", () => {
    expect(defaultTitle("write", { body: "y".repeat(500) }).length).toBeLessThan(100);
  });
});

describe("oneLine", () => {
  it("collapses whitespace and trims", () => {
    expect(oneLine("  a \t b\r\n c  ")).toBe("a b c");
  });
});
