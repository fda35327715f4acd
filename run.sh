#!/usr/bin/env bash
# Runs the development host: all four services in one process on http://127.0.0.1:5080
# (ASPNETCORE_URLS overrides). Provisions a local PostgreSQL cluster under .data/ on first run.
#   ./run.sh             provision and run (Ctrl-C stops the host; PostgreSQL keeps running)
#   ./run.sh --services  production mode: the four services and the gateway as separate processes,
#                        a database per service, events over RabbitMQ; the gateway listens where the
#                        development host would. Ctrl-C stops all five (PostgreSQL and RabbitMQ keep running).
#   ./run.sh --stop      stop the local PostgreSQL cluster and RabbitMQ node
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

if [ "${1:-}" = "--stop" ]; then
  stop_postgres
  stop_rabbitmq
  say "PostgreSQL and RabbitMQ stopped"
  exit 0
fi

if [ "${1:-}" = "--services" ]; then
  exec scripts/run-services.sh
fi

ensure_dotnet
ensure_postgres
ensure_database library

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ConnectionStrings__ReaderCommand="$(pg_connection_string library)"
export ConnectionStrings__LendingCommand="$(pg_connection_string library)"
export ConnectionStrings__Messaging="$(pg_connection_string library)"
export ConnectionStrings__Identity="$(pg_connection_string library)"
export Identity__Keys__DevelopmentDirectory="$DATA_DIR/identity-keys"
# The web front end signs in against this very host: its base URL is the first of ASPNETCORE_URLS.
BASE_URL="${ASPNETCORE_URLS%%;*}"
BASE_URL="${BASE_URL%/}"
export Web__Authority="$BASE_URL"
export Web__KeysDirectory="$DATA_DIR/web-keys"
export Identity__WebClient__RedirectUris__0="$BASE_URL/signin-oidc"
export Identity__WebClient__PostLogoutRedirectUris__0="$BASE_URL/signout-callback-oidc"
export ReadStore__SqliteDirectory="$DATA_DIR/sqlite"

say "Building the development host"
dotnet build Hosts/Library.Host -c Release -nologo -v quiet >/dev/null || dotnet build Hosts/Library.Host -c Release -nologo
say "Library listens on $ASPNETCORE_URLS (the desk and the reader portal: /, API page: /api-docs)"
# The output folder is the content root, where appsettings.json is.
cd Hosts/Library.Host/bin/Release/net10.0
exec dotnet Library.Host.dll
