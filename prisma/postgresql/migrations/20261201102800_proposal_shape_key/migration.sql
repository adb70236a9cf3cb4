-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "shapeKey" TEXT;

-- CreateIndex
CREATE INDEX "Proposal_status_shapeKey_idx" ON "Proposal"("status", "shapeKey");

