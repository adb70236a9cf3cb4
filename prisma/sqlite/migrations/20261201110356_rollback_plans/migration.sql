-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN "rollbackOfId" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "rollbackPlan" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_rollbackOfId_key" ON "Proposal"("rollbackOfId");

