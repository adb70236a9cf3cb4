// A small upstream MCP server for the gateway's tests: one read-only tool and
// one with side effects, each call handed to `record` so a test can prove what
// reached it, with which arguments, and what never did.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";

export const UPSTREAM_TOOLS: Tool[] = [
  {
    name: "search_orders",
    title: "Search orders",
    description: "Finds orders by customer or id.",
    inputSchema: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
    annotations: { readOnlyHint: true },
  },
  {
    name: "refund_order",
    title: "Refund an order",
    description: "Refunds an order to the customer's card.",
    inputSchema: {
      type: "object",
      properties: { order_id: { type: "string" }, amount: { type: "number" }, note: { type: "string" } },
      required: ["order_id", "amount"],
    },
    annotations: { destructiveHint: true, readOnlyHint: false },
  },
];

/** The shop; `record` receives every call (the stdio entry point appends them to a file). */
export function createShopServer(record: (call: { name: string; args: Record<string, unknown> }) => void): Server {
  const server = new Server({ name: "test-shop", version: "1.0.0" }, { capabilities: { tools: {} }, instructions: "A test shop." });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: UPSTREAM_TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args = {} } = request.params;
    record({ name, args });
    if (name === "search_orders") return { content: [{ type: "text", text: `2 orders match ${JSON.stringify(args.query)}: A-1, A-2` }] };
    if (name === "refund_order") return { content: [{ type: "text", text: `Refunded ${String(args.amount)} on order ${String(args.order_id)}` }] };
    return { isError: true, content: [{ type: "text", text: `no tool ${name}` }] };
  });
  return server;
}
