-- CreateIndex
CREATE INDEX "Proposal_riskRank_createdAt_idx" ON "Proposal"("riskRank", "createdAt");

-- CreateIndex
CREATE INDEX "Proposal_status_queueId_tier_risk_agentId_expiresAt_idx" ON "Proposal"("status", "queueId", "tier", "risk", "agentId", "expiresAt");

