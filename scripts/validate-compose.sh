#!/usr/bin/env bash
# Validates a Compose file (docker-compose.yml by default) against the Compose Specification's JSON
# schema, as shipped by dclint, plus dclint's rules that the project keeps (deploy/compose-lint/dclint.json
# turns off the purely stylistic ones). No Docker engine runs here, so this is how the file is checked by
# a real parser rather than by reading. Installs what it needs on first use, idempotently: Node.js and npm
# from Debian's packages when missing, and the locked dclint under .data/tools/ (npm ci, from the lock in
# deploy/compose-lint). Exits non-zero when the file is invalid.
set -euo pipefail
cd "$(dirname "$0")/.."

file="${1:-docker-compose.yml}"
lock_dir="deploy/compose-lint"
tools=".data/tools/compose-lint"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Installing Node.js and npm" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
fi

if [ ! -x "$tools/node_modules/.bin/dclint" ] || ! cmp -s "$lock_dir/package-lock.json" "$tools/package-lock.json"; then
  echo "Installing dclint from $lock_dir/package-lock.json" >&2
  rm -rf "$tools"
  mkdir -p "$tools"
  cp "$lock_dir/package.json" "$lock_dir/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

exec "$tools/node_modules/.bin/dclint" --config "$lock_dir/dclint.json" --color=false "$file"
