-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "ip" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
INSERT INTO "new_Proposal" ("actorEmail", "actorId", "actorName", "actorType", "agentId", "agentModel", "agentRunId", "agentVersion", "artifacts", "changes", "createdAt", "decidedAt", "digest", "envelope", "expiresAt", "id", "idempotencyKey", "inputs", "intakeResponse", "intent", "plan", "queueId", "risk", "scopes", "status", "summary", "tier", "title", "trace", "updatedAt", "version") SELECT "actorEmail", "actorId", "actorName", "actorType", "agentId", "agentModel", "agentRunId", "agentVersion", "artifacts", "changes", "createdAt", "decidedAt", "digest", "envelope", "expiresAt", "id", "idempotencyKey", "inputs", "intakeResponse", "intent", "plan", "queueId", "risk", "scopes", "status", "summary", "tier", "title", "trace", "updatedAt", "version" FROM "Proposal";
DROP TABLE "Proposal";
ALTER TABLE "new_Proposal" RENAME TO "Proposal";
CREATE INDEX "Proposal_status_createdAt_idx" ON "Proposal"("status", "createdAt");
CREATE INDEX "Proposal_queueId_status_createdAt_idx" ON "Proposal"("queueId", "status", "createdAt");
CREATE INDEX "Proposal_status_expiresAt_idx" ON "Proposal"("status", "expiresAt");
CREATE INDEX "Proposal_status_riskRank_createdAt_idx" ON "Proposal"("status", "riskRank", "createdAt");
CREATE INDEX "Proposal_agentId_createdAt_idx" ON "Proposal"("agentId", "createdAt");
CREATE INDEX "Proposal_decidedBatchId_idx" ON "Proposal"("decidedBatchId");
CREATE UNIQUE INDEX "Proposal_agentId_idempotencyKey_key" ON "Proposal"("agentId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "LoginFailure_email_createdAt_idx" ON "LoginFailure"("email", "createdAt");

