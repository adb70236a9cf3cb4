-- CreateTable
CREATE TABLE "StandingApproval" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "constraints" JSONB NOT NULL,
    "limitPeriod" TEXT NOT NULL,
    "maxCount" INTEGER,
    "maxAmount" DOUBLE PRECISION,
    "amountArg" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "policyText" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "usedAmount" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "windowDay" TEXT,
    "windowCount" INTEGER NOT NULL DEFAULT 0,
    "windowAmount" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "grantedById" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StandingApproval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StandingApproval_agentId_queueId_idx" ON "StandingApproval"("agentId", "queueId");

