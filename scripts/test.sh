#!/usr/bin/env bash
# Every test: unit and database tests (SQLite always; PostgreSQL too when
# TEST_POSTGRES_URL is set), then the end-to-end tests against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

npx tsx scripts/db-schemas.ts --check
npx tsc --noEmit
npx eslint .
npx vitest run
npx next build
npx playwright test
