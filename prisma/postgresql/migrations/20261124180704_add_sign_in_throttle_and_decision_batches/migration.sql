-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "decidedBatchId" TEXT,
ADD COLUMN     "riskRank" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoginFailure_email_createdAt_idx" ON "LoginFailure"("email", "createdAt");

-- CreateIndex
CREATE INDEX "Proposal_status_riskRank_createdAt_idx" ON "Proposal"("status", "riskRank", "createdAt");

-- CreateIndex
CREATE INDEX "Proposal_decidedBatchId_idx" ON "Proposal"("decidedBatchId");

