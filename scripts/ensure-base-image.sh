#!/usr/bin/env bash
# Makes sure the base image the course's Dockerfiles start FROM (python:3.12-slim) exists in the engine.
# Order: already present -> docker pull -> offline stand-in built from Debian packages.
# The stand-in is Debian bookworm (python 3.11) with pip, Flask and Gunicorn preinstalled and pip's
# EXTERNALLY-MANAGED marker removed, so a student's unpinned `pip install -r requirements.txt` succeeds
# offline as "already satisfied". It is labelled dockgrade.standin=true so `dockgrade gc` never removes it.
set -euo pipefail
image="${1:-python:3.12-slim}"

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "ensure-base-image: $image is present"
  exit 0
fi
if timeout 60 docker pull "$image" >/dev/null 2>&1; then
  echo "ensure-base-image: pulled $image"
  exit 0
fi
echo "ensure-base-image: cannot pull $image; building an offline stand-in from Debian packages" >&2

if ! command -v mmdebstrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null
  else
    echo "ensure-base-image: mmdebstrap is missing and this is not a root Debian machine: pull $image yourself" >&2
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
mirror=${mirror:-http://deb.debian.org/debian}
mmdebstrap --variant=minbase --quiet \
  --include=python3,python3-pip,python3-flask,gunicorn,python-is-python3,ca-certificates \
  --customize-hook='rm -f "$1"/usr/lib/python3*/EXTERNALLY-MANAGED' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$work/rootfs.tar" "$mirror"
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'LABEL dockgrade.standin=true' \
  --change 'CMD ["python3"]' \
  "$work/rootfs.tar" "$image" >/dev/null
echo "ensure-base-image: built stand-in $image ($(docker image inspect -f '{{.Size}}' "$image") bytes)"
