#!/usr/bin/env bash
# Finds a reachable Docker engine (DOCKER_HOST, then the default socket). Only where none answers AND this
# runs as root on Debian does it install Debian's docker.io and start dockerd in the background: on a
# developer machine with Docker Desktop or Docker Engine nothing is installed behind the user's back.
# Exit 0: an engine answers. Exit 1: none, with the reason and how to fix it on stderr.
set -uo pipefail
log=${DOCKGRADE_DOCKERD_LOG:-/var/log/dockgrade-dockerd.log}

if docker info >/dev/null 2>&1; then
  echo "ensure-docker: engine reachable ($(docker version -f '{{.Server.Version}}' 2>/dev/null))"
  exit 0
fi
if [ -n "${DOCKER_HOST:-}" ]; then
  echo "ensure-docker: DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1 || [ ! -f /etc/debian_version ]; then
  echo "ensure-docker: no Docker engine answers. Start Docker Desktop or the Docker daemon (or set DOCKER_HOST)." >&2
  echo "ensure-docker: (dockgrade installs an engine itself only as root on Debian.)" >&2
  exit 1
fi
if ! command -v dockerd >/dev/null 2>&1; then
  echo "ensure-docker: installing Debian's docker.io"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null || {
    echo "ensure-docker: apt-get install docker.io failed" >&2
    exit 1
  }
fi
if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "ensure-docker: starting dockerd (log: $log)"
  mkdir -p "$(dirname "$log")"
  setsid nohup dockerd >"$log" 2>&1 </dev/null &
fi
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "ensure-docker: engine ready ($(docker version -f '{{.Server.Version}}' 2>/dev/null))"
    exit 0
  fi
  sleep 1
done
echo "ensure-docker: dockerd did not answer within 60 s; see $log" >&2
tail -n 20 "$log" >&2 2>/dev/null
exit 1
