#!/usr/bin/env bash
# Starts or stops the repo's private RabbitMQ node; the tests use it to restart the broker under load.
#   scripts/rabbitmq.sh start|stop|restart
set -euo pipefail
source "$(dirname "$0")/lib.sh"
case "${1:-}" in
  start) ensure_rabbitmq ;;
  stop) stop_rabbitmq ;;
  restart) stop_rabbitmq; ensure_rabbitmq ;;
  *) die "usage: scripts/rabbitmq.sh start|stop|restart" ;;
esac
