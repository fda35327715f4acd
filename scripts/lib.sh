# Shared provisioning for run.sh and test.sh: idempotent, works as root or as a normal user,
# keeps every byte of state under the repo's ignored .data folder.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$REPO_ROOT/.data"
PG_PORT="${LIBRARY_PG_PORT:-54329}"
PG_DATA="$DATA_DIR/postgres"
PG_SOCKET_DIR="$DATA_DIR/run"
PG_LOG="$DATA_DIR/postgres.log"

say() { printf '\033[1m[library]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[library] %s\033[0m\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

apt_install() {
  is_root || die "Missing $*; install it (apt-get install -y $*) or run this script as root."
  say "Installing $* with apt-get (first run only)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed; cannot install $*."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get could not install $*."
  fi
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "The .NET SDK (10.0.4xx) is not on PATH; install it first (see global.json)."
}

# Debian's Chromium for the browser tests (Playwright's own browser download needs the internet).
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

pg_bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Runs a PostgreSQL server binary as the unprivileged owner of the cluster (initdb and postgres refuse root).
as_pg_owner() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres() {
  local bin
  bin="$(pg_bin_dir || true)"
  if [ -z "$bin" ]; then
    apt_install postgresql
    bin="$(pg_bin_dir || true)"
    [ -n "$bin" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql after installing."
  fi
  export PATH="$bin:$PATH"

  mkdir -p "$DATA_DIR" "$PG_SOCKET_DIR"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "User 'postgres' is missing; reinstall the postgresql package."
    chown postgres "$PG_SOCKET_DIR"
    # The cluster's owner must be able to reach the repo; grant traverse-only permission where missing.
    local dir="$DATA_DIR"
    while [ "$dir" != "/" ]; do
      if ! runuser -u postgres -- test -x "$dir"; then
        say "Granting traverse permission on $dir to the postgres user"
        chmod o+x "$dir"
      fi
      dir="$(dirname "$dir")"
    done
  fi

  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    say "Creating a PostgreSQL cluster in $PG_DATA"
    mkdir -p "$PG_DATA"
    is_root && chown postgres "$PG_DATA"
    as_pg_owner initdb -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || die "initdb failed for $PG_DATA"
  fi

  if as_pg_owner pg_ctl -D "$PG_DATA" status >/dev/null 2>&1; then
    :
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
      die "Port $PG_PORT is taken by another process; set LIBRARY_PG_PORT to a free port."
    fi
    say "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
    touch "$PG_LOG"; is_root && chown postgres "$PG_LOG"
    as_pg_owner pg_ctl -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start \
      -o "-p $PG_PORT -k $PG_SOCKET_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=off" \
      >/dev/null || die "PostgreSQL did not start; see $PG_LOG"
  fi

  local tries=0
  until pg_isready -h 127.0.0.1 -p "$PG_PORT" -q; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || die "PostgreSQL is not accepting connections; see $PG_LOG"
    sleep 0.5
  done

  # Terse error reports: a unique violation's DETAIL line prints the duplicate value (an e-mail
  # address) into the server log, where an erasure cannot reach it. Also applied to a running cluster.
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt \
    -c "ALTER SYSTEM SET log_error_verbosity = 'terse'" -c "SELECT pg_reload_conf()" >/dev/null \
    || die "Could not configure PostgreSQL's error log verbosity."
}

ensure_database() {
  local name="$1"
  if ! psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    say "Creating database $name"
    createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "$name"
  fi
}

stop_postgres() {
  local bin
  bin="$(pg_bin_dir || true)"
  [ -n "$bin" ] && [ -f "$PG_DATA/PG_VERSION" ] || return 0
  as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
}

pg_connection_string() {
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres${1:+;Database=$1}"
}

# RabbitMQ for the production-shaped mode and its tests: a private node with its own ports, cookie
# and data under .data/rabbitmq, so it never collides with a system broker. Its ports (AMQP, then
# Erlang distribution and epmd on the next two) sit below the kernel's ephemeral range (32768+), so an
# outgoing connection can never hold one when the node restarts.
RABBITMQ_PORT="${LIBRARY_RABBITMQ_PORT:-31672}"
RABBITMQ_DIR="${LIBRARY_RABBITMQ_DIR:-$DATA_DIR/rabbitmq}"

rabbitmq_env() {
  export HOME="$RABBITMQ_DIR" \
    RABBITMQ_NODENAME="library$RABBITMQ_PORT@localhost" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$RABBITMQ_PORT" \
    RABBITMQ_DIST_PORT="$((RABBITMQ_PORT + 1))" \
    ERL_EPMD_PORT="$((RABBITMQ_PORT + 2))" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE="$RABBITMQ_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RABBITMQ_DIR/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_DIR/enabled_plugins" \
    RABBITMQ_CONFIG_FILE="$RABBITMQ_DIR/rabbitmq.conf" \
    RABBITMQ_CONF_ENV_FILE="$RABBITMQ_DIR/rabbitmq-env.conf" \
    ERL_CRASH_DUMP="$RABBITMQ_DIR/erl_crash.dump" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

rabbitmq_ctl() {
  (rabbitmq_env; /usr/lib/rabbitmq/bin/rabbitmqctl "$@")
}

rabbitmq_accepting() {
  (exec 3<>"/dev/tcp/127.0.0.1/$RABBITMQ_PORT") 2>/dev/null
}

ensure_rabbitmq() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || apt_install rabbitmq-server
  mkdir -p "$RABBITMQ_DIR/mnesia" "$RABBITMQ_DIR/log"
  [ -f "$RABBITMQ_DIR/enabled_plugins" ] || echo "[]." > "$RABBITMQ_DIR/enabled_plugins"
  [ -f "$RABBITMQ_DIR/rabbitmq-env.conf" ] || : > "$RABBITMQ_DIR/rabbitmq-env.conf"
  # Loopback only; the default guest user may connect from there.
  [ -f "$RABBITMQ_DIR/rabbitmq.conf" ] || printf 'log.console = false\nlog.file.level = warning\n' > "$RABBITMQ_DIR/rabbitmq.conf"
  if rabbitmq_accepting; then
    rabbitmq_ctl -q status >/dev/null 2>&1 || die "Port $RABBITMQ_PORT is taken by another process; set LIBRARY_RABBITMQ_PORT to a free port."
    return 0
  fi
  say "Starting RabbitMQ on 127.0.0.1:$RABBITMQ_PORT"
  (rabbitmq_env; /usr/lib/rabbitmq/bin/rabbitmq-server -detached >/dev/null 2>&1) || die "RabbitMQ did not start; see $RABBITMQ_DIR/log"
  # -detached returns before the node is reachable, and await_startup fails fast until it is.
  local tries=0
  until rabbitmq_ctl -q await_startup --timeout 30 >/dev/null 2>&1 && rabbitmq_accepting; do
    tries=$((tries + 1))
    [ "$tries" -lt 120 ] || die "RabbitMQ is not accepting connections; see $RABBITMQ_DIR/log"
    sleep 0.5
  done
}

stop_rabbitmq() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmqctl ] && [ -d "$RABBITMQ_DIR" ] || return 0
  rabbitmq_ctl -q stop >/dev/null 2>&1 || true
  local tries=0
  while rabbitmq_accepting && [ "$tries" -lt 60 ]; do tries=$((tries + 1)); sleep 0.5; done
}

rabbitmq_connection_string() {
  echo "amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT/"
}
