// Calls the real route handlers with real Request objects, as Next.js would.
import { POST } from "@/app/api/v1/proposals/route";
import { GET } from "@/app/api/v1/proposals/[id]/route";
import { PUT as putWebhookRoute } from "@/app/api/v1/webhook/route";

export type ApiReply = { status: number; body: any; headers: Headers };

async function reply(response: Response): Promise<ApiReply> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function postProposal(
  apiKey: string | null,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiReply> {
  const request = new Request("http://countersign.test/api/v1/proposals", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return reply(await POST(request));
}

export async function getProposal(apiKey: string | null, id: string): Promise<ApiReply> {
  const request = new Request(`http://countersign.test/api/v1/proposals/${id}`, {
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
  return reply(await GET(request, { params: Promise.resolve({ id }) }));
}

/** PUT /api/v1/webhook {url} as the agent with `apiKey`. */
export async function putWebhook(apiKey: string, url: string): Promise<ApiReply> {
  const request = new Request("http://countersign.test/api/v1/webhook", {
    method: "PUT",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ url }),
  });
  return reply(await putWebhookRoute(request));
}
