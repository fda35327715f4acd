#!/usr/bin/env bash
# Production mode on one machine (see ./run.sh --services): RabbitMQ, one PostgreSQL cluster with a
# database per service, the five service hosts (Identity included), the web front end and the gateway, each
# its own process. The query services keep their read models in SQLite files under .data/services/.
# Ctrl-C stops all seven.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_dotnet
ensure_postgres
ensure_rabbitmq

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
PORT_BASE="${LIBRARY_SERVICES_PORT_BASE:-5081}"
SERVICES_DIR="$DATA_DIR/services"
mkdir -p "$SERVICES_DIR"

declare -A PROJECT=(
  [reader-command]=Library.ReaderCommand.Host
  [reader-query]=Library.ReaderQuery.Host
  [lending-command]=Library.LendingCommand.Host
  [lending-query]=Library.LendingQuery.Host
  [identity]=Library.Identity.Host
  [web]=Library.Web.Host
  [gateway]=Library.Gateway
)
SERVICES=(reader-command reader-query lending-command lending-query identity)
declare -A PORT=()
for i in "${!SERVICES[@]}"; do PORT[${SERVICES[$i]}]=$((PORT_BASE + i)); done
PORT[web]=$((PORT_BASE + ${#SERVICES[@]}))
PUBLIC_URL="${ASPNETCORE_URLS%%;*}"
PUBLIC_URL="${PUBLIC_URL%/}"

for service in "${SERVICES[@]}"; do ensure_database "${service//-/_}"; done

# The Identity service runs in Production here, so it wants certificates: self-signed ones, made once
# and kept under .data (never in the repository), and the documented development admin password.
IDENTITY_DIR="$SERVICES_DIR/identity"
mkdir -p "$IDENTITY_DIR"
for purpose in signing encryption; do
  if [ ! -f "$IDENTITY_DIR/$purpose.pfx" ]; then
    command -v openssl >/dev/null || apt_install openssl
    say "Creating a self-signed $purpose certificate for the Identity service in $IDENTITY_DIR"
    usage="digitalSignature"; [ "$purpose" = encryption ] && usage="keyEncipherment"
    openssl req -x509 -newkey rsa:2048 -nodes -days 730 -subj "/CN=library-identity-$purpose" \
      -addext "keyUsage=critical,$usage" -keyout "$IDENTITY_DIR/$purpose.key" -out "$IDENTITY_DIR/$purpose.crt" 2>/dev/null
    openssl pkcs12 -export -inkey "$IDENTITY_DIR/$purpose.key" -in "$IDENTITY_DIR/$purpose.crt" \
      -out "$IDENTITY_DIR/$purpose.pfx" -passout pass:local-services
    rm -f "$IDENTITY_DIR/$purpose.key"
  fi
done

say "Building the five services, the web front end and the gateway"
dotnet build Hosts/services.slnf -c Release -nologo -v quiet >/dev/null || dotnet build Hosts/services.slnf -c Release -nologo

PIDS=()
stop_all() {
  trap - INT TERM EXIT
  say "Stopping the services"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# Starts one host from its output folder (its content root), each output line prefixed with its name.
start() {
  local service="$1"; shift
  local dir="Hosts/${PROJECT[$service]}/bin/Release/net10.0"
  (cd "$dir" && exec env "$@" dotnet "${PROJECT[$service]}.dll") > >(sed -u "s/^/[$service] /") 2>&1 &
  PIDS+=("$!")
}

for service in "${SERVICES[@]}"; do
  database="$(pg_connection_string "${service//-/_}")"
  settings=(
    "ASPNETCORE_URLS=http://127.0.0.1:${PORT[$service]}"
    "ConnectionStrings__Messaging=$database"
    "ConnectionStrings__RabbitMq=$(rabbitmq_connection_string)"
    "ReadStore__Provider=Sqlite"
    "ReadStore__SqliteDirectory=$SERVICES_DIR/$service/sqlite"
  )
  # Only the gateway (on this machine) may name the client, so the token limit is per client, not per gateway.
  settings+=("Proxy__TrustedProxies__0=127.0.0.1")
  # Every service validates tokens against the Identity service's keys, and expects its issuer.
  settings+=("Identity__Authority=http://127.0.0.1:${PORT[identity]}/" "Identity__Issuer=${ASPNETCORE_URLS%%;*}/")
  case "$service" in
    reader-command) settings+=("ConnectionStrings__ReaderCommand=$database") ;;
    lending-command) settings+=("ConnectionStrings__LendingCommand=$database") ;;
    identity) settings+=(
      "ConnectionStrings__Identity=$database"
      "Identity__Issuer=${ASPNETCORE_URLS%%;*}/"
      "Identity__BootstrapAdminPassword=${IDENTITY_BOOTSTRAP_ADMIN_PASSWORD:-dev-admin-password}"
      "Identity__Keys__SigningCertificates__0__Path=$IDENTITY_DIR/signing.pfx"
      "Identity__Keys__SigningCertificates__0__Password=local-services"
      "Identity__Keys__EncryptionCertificates__0__Path=$IDENTITY_DIR/encryption.pfx"
      "Identity__Keys__EncryptionCertificates__0__Password=local-services"
      "Identity__WebClient__RedirectUris__0=$PUBLIC_URL/signin-oidc"
      "Identity__WebClient__PostLogoutRedirectUris__0=$PUBLIC_URL/signout-callback-oidc") ;;
  esac
  start "$service" "${settings[@]}"
done

# The front end: no database; it signs in and calls the API through the gateway, the public URL.
start web "ASPNETCORE_URLS=http://127.0.0.1:${PORT[web]}" "Proxy__TrustedProxies__0=127.0.0.1" \
  "Web__Authority=$PUBLIC_URL" "Web__KeysDirectory=$SERVICES_DIR/web/keys" \
  "Identity__Authority=http://127.0.0.1:${PORT[identity]}/" "Identity__Issuer=$PUBLIC_URL/"

gateway=("ASPNETCORE_URLS=$ASPNETCORE_URLS")
for service in "${SERVICES[@]}" web; do gateway+=("Services__$service=http://127.0.0.1:${PORT[$service]}"); done
start gateway "${gateway[@]}"

ready_url="${ASPNETCORE_URLS%%;*}/health/ready"
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$ready_url" 2>/dev/null; then
    say "Library in production mode: gateway on $ASPNETCORE_URLS (the desk and the portal at /), services on ports ${PORT[reader-command]}-${PORT[web]} (Ctrl-C stops all)"
    break
  fi
  sleep 0.5
done

# Ends when any one process ends (then stops the rest), or on Ctrl-C.
wait -n "${PIDS[@]}" || true
say "A service exited; stopping the others"
