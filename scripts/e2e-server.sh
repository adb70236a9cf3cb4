#!/usr/bin/env bash
# Serves the production build on a fresh SQLite database with the demo data.
set -euo pipefail
PORT="${1:-3210}"
OIDC_PORT="${2:-3219}"
SMTP_PORT="${3:-$((PORT + 7))}"
mkdir -p .tmp
DB=".tmp/e2e-${PORT}.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
export DATABASE_URL="file:./${DB}" PUBLIC_URL="http://127.0.0.1:${PORT}" NEXTAUTH_URL="http://127.0.0.1:${PORT}"
# Single sign-on against the test provider Playwright starts (e2e/oidc-provider.mjs; same client id and secret).
export OIDC_ISSUER="http://127.0.0.1:${OIDC_PORT}" OIDC_CLIENT_ID="countersign-e2e" OIDC_CLIENT_SECRET="countersign-e2e-client-secret-0123456789" OIDC_NAME="Test IdP"
# e2e/webhooks.spec.ts delivers to a receiver on 127.0.0.1, which production refuses.
# e2e/entry-points.spec.ts expects one security-log row per refused call, so anonymous refusals are not coalesced here.
export WEBHOOK_ALLOW_PRIVATE_URLS=true SECURITY_LOG_COALESCE_SECONDS=0
# Notification mail goes to the SMTP receiver Playwright starts (test-support/smtp-receiver-server.ts),
# polled often so e2e/notifications.spec.ts does not wait long.
export SMTP_URL="smtp://127.0.0.1:${SMTP_PORT}" MAIL_FROM="Countersign <countersign@e2e.test>" NOTIFY_POLL_SECONDS="${NOTIFY_POLL_SECONDS:-2}"
# The example payment tool (e2e/approval-tokens.spec.ts) is served only with EXAMPLES=true.
export EXAMPLES=true
# A fresh database needs a fresh checkpoint witness: the old one would (rightly) make the signer refuse.
export CHECKPOINT_WITNESS_FILE=".tmp/e2e-${PORT}-witness.jsonl"
rm -f "$CHECKPOINT_WITNESS_FILE"
# Every spec signs in from 127.0.0.1: the per-address and global sign-in limits are raised so one spec's
# guesses do not lock out the next; the per-email limit (5) stays (lib/auth/login-throttle.db.test.ts tests all three).
export LOGIN_THROTTLE_MAX_PER_ADDRESS="${LOGIN_THROTTLE_MAX_PER_ADDRESS:-100000}" LOGIN_THROTTLE_MAX_GLOBAL="${LOGIN_THROTTLE_MAX_GLOBAL:-100000}"
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-e2e-secret-not-for-production-0123456789}" LOG_LEVEL="${LOG_LEVEL:-warn}"
npx tsx scripts/db-migrate.ts
npx tsx --conditions=react-server prisma/seed.ts > ".tmp/e2e-seed-${PORT}.log"
exec npm run --silent serve -- -p "$PORT" -H 127.0.0.1
