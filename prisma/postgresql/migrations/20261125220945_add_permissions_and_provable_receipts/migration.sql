-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "callbackUrl" TEXT,
ADD COLUMN     "stoppedAt" TIMESTAMP(3),
ADD COLUMN     "webhookSecret" TEXT;

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "approvalCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "policies" JSONB,
ADD COLUMN     "requiredApprovals" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "policies" JSONB;

-- CreateTable
CREATE TABLE "ReceiptChainHead" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReceiptChainHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainCheckpoint" (
    "id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "kid" TEXT NOT NULL,
    "jws" TEXT NOT NULL,

    CONSTRAINT "ChainCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecurityEvent" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actor" JSONB NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "code" TEXT NOT NULL,
    "rule" TEXT,
    "message" TEXT NOT NULL,
    "ip" TEXT,

    CONSTRAINT "SecurityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Execution" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "result" JSONB,
    "digest" TEXT NOT NULL,
    "digestMatches" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Execution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalToken" (
    "jti" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,

    CONSTRAINT "ApprovalToken_pkey" PRIMARY KEY ("jti")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "proposalId" TEXT,
    "event" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChainCheckpoint_seq_idx" ON "ChainCheckpoint"("seq");

-- CreateIndex
CREATE INDEX "ChainCheckpoint_signedAt_idx" ON "ChainCheckpoint"("signedAt");

-- CreateIndex
CREATE INDEX "SecurityEvent_createdAt_idx" ON "SecurityEvent"("createdAt");

-- CreateIndex
CREATE INDEX "SecurityEvent_actorId_createdAt_idx" ON "SecurityEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "SecurityEvent_code_createdAt_idx" ON "SecurityEvent"("code", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Execution_proposalId_key" ON "Execution"("proposalId");

-- CreateIndex
CREATE INDEX "Execution_createdAt_idx" ON "Execution"("createdAt");

-- CreateIndex
CREATE INDEX "ApprovalToken_proposalId_idx" ON "ApprovalToken"("proposalId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_agentId_createdAt_idx" ON "WebhookDelivery"("agentId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Receipts are append-only: the database itself refuses edits and deletes.
CREATE FUNCTION "receipt_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'receipts are append-only: % is refused', lower(TG_OP);
END;
$$;
CREATE TRIGGER "Receipt_no_update" BEFORE UPDATE ON "Receipt" FOR EACH ROW EXECUTE FUNCTION "receipt_append_only"();
CREATE TRIGGER "Receipt_no_delete" BEFORE DELETE ON "Receipt" FOR EACH ROW EXECUTE FUNCTION "receipt_append_only"();
CREATE TRIGGER "Receipt_no_truncate" BEFORE TRUNCATE ON "Receipt" FOR EACH STATEMENT EXECUTE FUNCTION "receipt_append_only"();

-- Signed checkpoints are append-only too: deleting them (and then letting the
-- signer bless a re-hashed chain) is how a rewrite would otherwise go unseen.
CREATE FUNCTION "checkpoint_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'checkpoints are append-only: % is refused', lower(TG_OP);
END;
$$;
CREATE TRIGGER "ChainCheckpoint_no_update" BEFORE UPDATE ON "ChainCheckpoint" FOR EACH ROW EXECUTE FUNCTION "checkpoint_append_only"();
CREATE TRIGGER "ChainCheckpoint_no_delete" BEFORE DELETE ON "ChainCheckpoint" FOR EACH ROW EXECUTE FUNCTION "checkpoint_append_only"();
CREATE TRIGGER "ChainCheckpoint_no_truncate" BEFORE TRUNCATE ON "ChainCheckpoint" FOR EACH STATEMENT EXECUTE FUNCTION "checkpoint_append_only"();
