-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "callbackUrl" TEXT;
ALTER TABLE "Agent" ADD COLUMN "stoppedAt" DATETIME;
ALTER TABLE "Agent" ADD COLUMN "webhookSecret" TEXT;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "policies" JSONB;

-- CreateTable
CREATE TABLE "ReceiptChainHead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChainCheckpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "kid" TEXT NOT NULL,
    "jws" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SecurityEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actor" JSONB NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "code" TEXT NOT NULL,
    "rule" TEXT,
    "message" TEXT NOT NULL,
    "ip" TEXT
);

-- CreateTable
CREATE TABLE "Execution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "result" JSONB,
    "digest" TEXT NOT NULL,
    "digestMatches" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Execution_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApprovalToken" (
    "jti" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedBy" TEXT
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "proposalId" TEXT,
    "event" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorEmail" TEXT,
    "actorName" TEXT,
    "agentModel" TEXT,
    "agentVersion" TEXT,
    "agentRunId" TEXT,
    "scopes" JSONB NOT NULL,
    "tier" TEXT NOT NULL,
    "risk" TEXT NOT NULL,
    "riskRank" INTEGER NOT NULL DEFAULT 1,
    "inputs" JSONB,
    "plan" JSONB NOT NULL,
    "changes" JSONB,
    "artifacts" JSONB,
    "trace" JSONB,
    "envelope" JSONB NOT NULL,
    "digest" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
    "approvalCount" INTEGER NOT NULL DEFAULT 0,
    "policies" JSONB,
    "idempotencyKey" TEXT,
    "intakeResponse" JSONB NOT NULL,
    "expiresAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedBatchId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Proposal_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Proposal_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Proposal" ("actorEmail", "actorId", "actorName", "actorType", "agentId", "agentModel", "agentRunId", "agentVersion", "artifacts", "changes", "createdAt", "decidedAt", "decidedBatchId", "digest", "envelope", "expiresAt", "id", "idempotencyKey", "inputs", "intakeResponse", "intent", "plan", "queueId", "risk", "riskRank", "scopes", "status", "summary", "tier", "title", "trace", "updatedAt", "version") SELECT "actorEmail", "actorId", "actorName", "actorType", "agentId", "agentModel", "agentRunId", "agentVersion", "artifacts", "changes", "createdAt", "decidedAt", "decidedBatchId", "digest", "envelope", "expiresAt", "id", "idempotencyKey", "inputs", "intakeResponse", "intent", "plan", "queueId", "risk", "riskRank", "scopes", "status", "summary", "tier", "title", "trace", "updatedAt", "version" FROM "Proposal";
DROP TABLE "Proposal";
ALTER TABLE "new_Proposal" RENAME TO "Proposal";
CREATE INDEX "Proposal_status_createdAt_idx" ON "Proposal"("status", "createdAt");
CREATE INDEX "Proposal_queueId_status_createdAt_idx" ON "Proposal"("queueId", "status", "createdAt");
CREATE INDEX "Proposal_status_expiresAt_idx" ON "Proposal"("status", "expiresAt");
CREATE INDEX "Proposal_status_riskRank_createdAt_idx" ON "Proposal"("status", "riskRank", "createdAt");
CREATE INDEX "Proposal_riskRank_createdAt_idx" ON "Proposal"("riskRank", "createdAt");
CREATE INDEX "Proposal_status_queueId_tier_risk_agentId_expiresAt_idx" ON "Proposal"("status", "queueId", "tier", "risk", "agentId", "expiresAt");
CREATE INDEX "Proposal_agentId_createdAt_idx" ON "Proposal"("agentId", "createdAt");
CREATE INDEX "Proposal_decidedBatchId_idx" ON "Proposal"("decidedBatchId");
CREATE UNIQUE INDEX "Proposal_agentId_idempotencyKey_key" ON "Proposal"("agentId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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


-- Receipts are append-only: the database itself refuses edits and deletes.
CREATE TRIGGER "Receipt_no_update" BEFORE UPDATE ON "Receipt"
BEGIN
    SELECT RAISE(ABORT, 'receipts are append-only: updates are refused');
END;
CREATE TRIGGER "Receipt_no_delete" BEFORE DELETE ON "Receipt"
BEGIN
    SELECT RAISE(ABORT, 'receipts are append-only: deletes are refused');
END;

-- Signed checkpoints are append-only too: deleting them (and then letting the
-- signer bless a re-hashed chain) is how a rewrite would otherwise go unseen.
CREATE TRIGGER "ChainCheckpoint_no_update" BEFORE UPDATE ON "ChainCheckpoint"
BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only: updates are refused');
END;
CREATE TRIGGER "ChainCheckpoint_no_delete" BEFORE DELETE ON "ChainCheckpoint"
BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only: deletes are refused');
END;
