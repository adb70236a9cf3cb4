// A test agent with a registered webhook pointing at a live local receiver,
// and helpers to give it pending proposals. Goes through the real code paths.
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { startWebhookReceiver } from "@/test-support/webhook-receiver";
import { setAgentWebhook } from "@/lib/webhooks/agent-webhook";

export async function createWebhookWorld(statuses: number[] = [200]) {
  const world = await createTestWorld();
  const receiver = await startWebhookReceiver(statuses);
  const { secret } = await setAgentWebhook(world.agent, receiver.url);
  const pending = async (count = 1): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Pay invoice ${i}` }));
      if (res.status !== 201 || res.body.status !== "pending") throw new Error(`could not create a pending proposal: ${JSON.stringify(res.body)}`);
      ids.push(res.body.id);
    }
    return ids;
  };
  return { ...world, receiver, secret, pending };
}
