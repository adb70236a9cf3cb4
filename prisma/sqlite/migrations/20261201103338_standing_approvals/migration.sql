-- CreateTable
CREATE TABLE "StandingApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "constraints" JSONB NOT NULL,
    "limitPeriod" TEXT NOT NULL,
    "maxCount" INTEGER,
    "maxAmount" REAL,
    "amountArg" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "policyText" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "usedAmount" REAL NOT NULL DEFAULT 0,
    "windowDay" TEXT,
    "windowCount" INTEGER NOT NULL DEFAULT 0,
    "windowAmount" REAL NOT NULL DEFAULT 0,
    "grantedById" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "StandingApproval_agentId_queueId_idx" ON "StandingApproval"("agentId", "queueId");

