import "server-only";
// Every app instance signs the chain's head every CHECKPOINT_SECONDS, also
// when nothing happened: a recent checkpoint is what proves the chain was not
// cut short since. Instances skip a tick when another one signed within half
// an interval, so several instances still add about one checkpoint per interval.
import { writeCheckpoint } from "@/lib/receipts/checkpoints";
import { logger } from "@/lib/log";

export function startCheckpointSigner(seconds: number): void {
  if (seconds === 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const checkpoint = await writeCheckpoint({ unlessNewerThanMs: (seconds * 1000) / 2 });
      if (checkpoint) logger.debug("signed receipt-chain checkpoint", { seq: checkpoint.seq, kid: checkpoint.kid });
    } catch (error) {
      logger.error("receipt-chain checkpoint failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  setInterval(tick, seconds * 1000).unref();
  void tick();
}
