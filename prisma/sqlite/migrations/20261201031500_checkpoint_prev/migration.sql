-- Checkpoints chain: each new one signs the previous checkpoint's hash (SHA-256 of its JWS).
-- Existing checkpoints keep prev NULL: they stay verifiable exactly as they were signed,
-- and the first checkpoint signed after this migration chains from the newest of them.
-- AlterTable
ALTER TABLE "ChainCheckpoint" ADD COLUMN "prev" TEXT;
