#!/usr/bin/env bash
# Runs the benchmarks on this machine and writes benchmarks/results/latest.md.
#   benchmarks/run.sh [benchmark options, e.g. --duration 10 --rates 100,250,500,1000]
# Provisions what it needs (PostgreSQL under .data/), starts the development host in Release on
# 127.0.0.1:5090 with a fresh database and read store of its own, runs every scenario, and stops the
# host. Loopback only; bounded by each scenario's duration.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_dotnet
ensure_postgres

BENCH_DB=library_bench
BENCH_DIR="$DATA_DIR/bench"
BENCH_URL="http://127.0.0.1:${LIBRARY_BENCH_PORT:-5090}"

say "Preparing a fresh database ($BENCH_DB) and read store ($BENCH_DIR)"
PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null
ensure_database "$BENCH_DB"
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR"

say "Building the development host and the benchmark program (Release)"
dotnet build Hosts/Library.Host -c Release -nologo -v quiet >/dev/null
dotnet build benchmarks/Library.Benchmarks -c Release -nologo -v quiet >/dev/null

host_pid=""
stop_host() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true; }
trap stop_host EXIT INT TERM

say "Starting the development host on $BENCH_URL"
(
  cd Hosts/Library.Host/bin/Release/net10.0
  exec env ASPNETCORE_URLS="$BENCH_URL" ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__ReaderCommand="$(pg_connection_string "$BENCH_DB")" \
    ConnectionStrings__LendingCommand="$(pg_connection_string "$BENCH_DB")" \
    ConnectionStrings__Messaging="$(pg_connection_string "$BENCH_DB")" \
    ReadStore__LiteDbDirectory="$BENCH_DIR/litedb" \
    Serilog__MinimumLevel__Default=Warning \
    dotnet Library.Host.dll
) > "$BENCH_DIR/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$BENCH_URL/health/ready" 2>/dev/null && break
  kill -0 "$host_pid" 2>/dev/null || die "The development host exited; see $BENCH_DIR/host.log"
  sleep 0.25
done

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+changes')"
dotnet benchmarks/Library.Benchmarks/bin/Release/net10.0/Library.Benchmarks.dll \
  --base-url "$BENCH_URL" --results benchmarks/results --commit "$commit" "$@"
