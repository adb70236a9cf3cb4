-- CreateIndex (the queue's pending tab by risk and tier, sorted by expiry; with the id, SQLite sorts the index entries without reading a row)
CREATE INDEX "Proposal_status_risk_tier_expiresAt_createdAt_id_idx" ON "Proposal"("status", "risk", "tier", "expiresAt", "createdAt", "id");
