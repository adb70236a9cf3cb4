// How deep a tool call's arguments nest, measured without recursion. An MCP
// client may send arguments nested 100,000 levels deep (one line of stdio is
// enough); everything the gateway does with them next recurses (the call's
// idempotency key, the envelope, JSON.stringify) and overflowed the stack: the
// client got an internal error (-32603) instead of an answer. Countersign
// refuses bodies deeper than 64 levels anyway (lib/base/json-limits.ts on the
// server), so arguments deeper than that are answered here, plainly, before
// anything is proposed or called.

/** The server's MAX_JSON_DEPTH: deeper arguments could never become a proposal. */
export const MAX_ARGUMENT_DEPTH = 64;

/** Whether `value` has objects or arrays nested more than `limit` levels (the value itself is level 1). */
export function nestsDeeperThan(value: unknown, limit = MAX_ARGUMENT_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

export const TOO_DEEP_MESSAGE = `the arguments nest deeper than ${MAX_ARGUMENT_DEPTH} levels of objects and arrays, more than Countersign accepts`;
