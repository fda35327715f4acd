#!/usr/bin/env bash
# Builds the solution and runs every test project against a real PostgreSQL and RabbitMQ (provisioned under
# .data/ like run.sh does) and the real embedded SQLite store. MongoDB tests run too when
# LIBRARY_TEST_MONGO holds a connection string. Ends with the line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

ensure_dotnet
ensure_postgres
ensure_rabbitmq
ensure_chromium
export LIBRARY_TEST_CHROMIUM=/usr/bin/chromium
export LIBRARY_TEST_POSTGRES="$(pg_connection_string)"
export LIBRARY_TEST_RABBITMQ="$(rabbitmq_connection_string)"

results="$REPO_ROOT/TestResults"
rm -rf "$results"

say "Building"
if ! dotnet build Library.sln -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed"
  die "The build failed."
fi

say "Running tests"
set +e
dotnet test --solution Library.sln -c Release --no-build --results-directory "$results" --report-trx
status=$?
set -e

passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  t="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed leaves no failed count in its report; it must still fail the run.
  failed=1
fi
if [ "$failed" -gt 0 ] && command -v python3 >/dev/null; then
  python3 scripts/failed-tests.py "$results"/*.trx
fi
echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
