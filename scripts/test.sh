#!/usr/bin/env bash
# Every test: unit and database tests (SQLite always; PostgreSQL too when
# TEST_POSTGRES_URL is set), then the end-to-end tests against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

npx tsx scripts/db-schemas.ts --check
npx tsc --noEmit
# The SDK (sdk/) is type-checked by its own build (NodeNext) and test config, then packed and installed as a user would.
npm run sdk:build
npx tsc -p sdk/tsconfig.test.json
bash scripts/sdk-pack-test.sh
npx eslint .
npx vitest run
npx next build
npx playwright test
