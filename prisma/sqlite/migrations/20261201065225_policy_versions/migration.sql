-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "digest" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "previousDigest" TEXT NOT NULL,
    "restoredFromId" TEXT,
    "reason" TEXT NOT NULL,
    "appliedBy" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PolicyVersion_createdAt_idx" ON "PolicyVersion"("createdAt");

