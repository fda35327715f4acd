#!/usr/bin/env bash
# Runs every benchmark scenario on this machine and writes benchmarks/results/latest.md and its charts.
#   benchmarks/run.sh [options, e.g. --duration 30 --rates 100,200,300,400 --scenarios checkout,reads]
# Provisions what it needs (PostgreSQL and RabbitMQ under .data/), builds the hosts in Release, creates
# fresh databases, and lets the benchmark program start and stop the hosts it measures. Loopback only;
# every scenario is bounded by its duration. The large read store (scenario 3) is seeded anew each run
# unless LIBRARY_BENCH_KEEP_STORE=1 keeps the one an earlier run seeded; its HTTP load comes from wrk. The hosts log at Warning;
# LIBRARY_BENCH_HOST_LOG_LEVEL=Information shows every request and handled event (at a cost).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_dotnet
ensure_postgres
ensure_rabbitmq
command -v pgbench >/dev/null || die "pgbench is missing (it ships with PostgreSQL's client packages)."
# The read path scenario drives its HTTP load with wrk, a C load generator, so the load is not a .NET
# process competing with the host for the same cores.
command -v wrk >/dev/null || apt_install wrk

BENCH_DIR="$DATA_DIR/bench"
say "Preparing fresh databases and folders under $BENCH_DIR"
for database in library_bench bench_reader_command bench_reader_query bench_lending_command bench_lending_query bench_identity bench_signin_validated bench_signin_preset bench_desk; do
  PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
  ensure_database "$database" >/dev/null
  # The development cluster commits asynchronously to keep the tests quick; a benchmark measures the
  # durable configuration a library would run, in which a commit waits for its WAL flush.
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "ALTER DATABASE $database SET synchronous_commit = on" >/dev/null
done
mkdir -p "$BENCH_DIR"
find "$BENCH_DIR" -mindepth 1 -maxdepth 1 ! -name 'reads-*' -exec rm -rf {} +
[ "${LIBRARY_BENCH_KEEP_STORE:-0}" = 1 ] || rm -rf "$BENCH_DIR"/reads-*

say "Building the hosts and the benchmark program (Release)"
dotnet build Hosts/Library.Host -c Release -nologo -v quiet >/dev/null
dotnet build Hosts/services.slnf -c Release -nologo -v quiet >/dev/null
dotnet build benchmarks/Library.Benchmarks -c Release -nologo -v quiet >/dev/null

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes')"
say "Running the benchmarks (logs of the hosts under $BENCH_DIR)"
dotnet benchmarks/Library.Benchmarks/bin/Release/net10.0/Library.Benchmarks.dll \
  --repository "$REPO_ROOT" --work "$BENCH_DIR" \
  --postgres "$(pg_connection_string)" --rabbitmq "$(rabbitmq_connection_string)" \
  --wrk "$(command -v wrk)" --commit "$commit" "$@"
