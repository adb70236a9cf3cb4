-- The receipts' actor and payload as json instead of jsonb (PostgreSQL only: SQLite stores JSON as
-- text already). json keeps the text it is given, and the chain writer gives it the canonical JSON
-- that the receipt's hash covers (lib/receipts/chain.ts), so the verifier reads back and hashes the
-- stored text as it is, where it rebuilt jsonb's own form (spaces, keys by length) for every receipt,
-- and the receipt page and export show the very text that is hashed. The verifier never trusts the
-- form: a stored text that is not canonical is rebuilt as before (lib/base/canonical-json-text.ts).
-- Receipts stored before this keep jsonb's form of their (unchanged) values. Nothing queries these
-- columns with jsonb's operators or indexes; the receipts browser's filter on a payload key (#>)
-- works on json too. The change rewrites the table (a million receipts: about 25 s on the bench
-- machine); the append-only triggers do not fire on ALTER TABLE. docs/benchmarks.md, "Verifying a
-- million on PostgreSQL".
ALTER TABLE "Receipt" ALTER COLUMN "actor" SET DATA TYPE JSON,
ALTER COLUMN "payload" SET DATA TYPE JSON;
