import "server-only";
// Every app instance signs the chain's head every CHECKPOINT_SECONDS, also
// when nothing happened: a recent checkpoint is what proves the chain was not
// cut short since. Instances skip a tick when another one signed within half
// an interval, so several instances still add about one checkpoint per interval.
import { db } from "@/lib/db/client";
import { CheckpointRefusedError, writeCheckpoint } from "@/lib/receipts/checkpoints";
import { logger } from "@/lib/log";
import { publicJwks } from "@/lib/signing/signing-key";

/**
 * Instances that each generated their own key sign checkpoints that the
 * others' JWKS does not list, so verification would fail: say so at start.
 */
async function warnAboutForeignKeys(): Promise<void> {
  const kids = (await publicJwks()).keys.map((key) => key.kid!);
  const foreign = await db.chainCheckpoint.findFirst({ where: { kid: { notIn: kids } }, orderBy: { signedAt: "desc" }, select: { kid: true, signedAt: true } });
  if (foreign) {
    logger.warn("receipt-chain checkpoints are signed with a key this instance does not publish: give every instance the same SIGNING_KEY (or SIGNING_KEY_FILE), and list retired keys in SIGNING_PUBLIC_KEYS_EXTRA", {
      kid: foreign.kid,
      signedAt: foreign.signedAt.toISOString(),
    });
  }
}

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
      // A refusal was already logged (naming the first broken receipt) and recorded as a security event.
      if (error instanceof CheckpointRefusedError) return;
      logger.error("receipt-chain checkpoint failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  setInterval(tick, seconds * 1000).unref();
  void warnAboutForeignKeys()
    .catch((error: unknown) => logger.error("could not compare checkpoint keys", { error: error instanceof Error ? error.message : String(error) }))
    .then(tick);
}
