-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "rollbackOfId" TEXT,
ADD COLUMN     "rollbackPlan" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_rollbackOfId_key" ON "Proposal"("rollbackOfId");

