-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "previousDigest" TEXT NOT NULL,
    "restoredFromId" TEXT,
    "reason" TEXT NOT NULL,
    "appliedBy" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyVersion_createdAt_idx" ON "PolicyVersion"("createdAt");

