-- CreateIndex (the queue's pending tab by risk and tier, sorted by expiry)
CREATE INDEX "Proposal_status_risk_tier_expiresAt_createdAt_idx" ON "Proposal"("status", "risk", "tier", "expiresAt", "createdAt");
