-- DropIndex
DROP INDEX "Proposal_queueId_status_createdAt_idx";

-- CreateIndex
CREATE INDEX "Proposal_queueId_status_createdAt_expiresAt_idx" ON "Proposal"("queueId", "status", "createdAt", "expiresAt");

