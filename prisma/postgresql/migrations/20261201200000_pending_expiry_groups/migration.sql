-- DropIndex (replaced: the same leading columns, plus what the look-alike groups need of the pending ones past their expiry)
DROP INDEX "Proposal_status_expiresAt_idx";

-- CreateIndex
CREATE INDEX "Proposal_status_expiresAt_shapeKey_queueId_agentId_idx" ON "Proposal"("status", "expiresAt", "shapeKey", "queueId", "agentId");
