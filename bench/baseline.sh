#!/usr/bin/env bash
# The shell baseline of the benchmark: exactly the Docker work the bundled rubric needs for one
# submission, one step after the other, with the docker CLI — no more. Same hardening as the harness
# (limits, no-new-privileges, no capabilities, read-only root with a tmpfs /tmp, loopback-only ports, a
# bridge network of its own), every object labelled dockgrade.run=<id> and removed at the end.
#
# Like the rubric's `needs`, what needs a build that failed or an app that never answered is left out. An
# app that does not answer is given up after SERVE_TIMEOUT seconds (default 3): about when dockgrade's
# diagnosis concludes for an app listening on the wrong address (a wrong listener seen for 2 s).
#
#   bench/baseline.sh SUBMISSION_DIR      exit 0 when every probe saw what a complete submission shows
set -uo pipefail
repo=$(cd "${1:?usage: baseline.sh SUBMISSION_DIR}" && pwd)
# The build root: the shallowest folder holding a Dockerfile (a lab in a sub-folder such as tp1/).
dir=$(dirname "$(find "$repo" -name Dockerfile -not -path '*/.*' | awk '{ print length, $0 }' | sort -n | head -n1 | cut -d' ' -f2-)")
serve_timeout=${SERVE_TIMEOUT:-3}
id="bench$(date +%s%N | tail -c 9)$RANDOM"
label="dockgrade.run=$id"
image="dockgrade/$id/quotegen:1.1.0"
net="dockgrade-$id"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dockgrade-session-$id-XXXXXX")
chmod 755 "$tmp"
ok=0
hard=(--label "$label" --network "$net" --memory 512m --memory-swap 512m --cpus 1 --pids-limit 256
  --security-opt no-new-privileges --cap-drop ALL --read-only --tmpfs /tmp:rw,nosuid,nodev,size=64m
  --log-opt max-size=1024k --log-opt max-file=1 -p 127.0.0.1::5000)

cleanup() {
  docker rm -f $(docker ps -aq --filter "label=$label") >/dev/null 2>&1
  docker volume rm $(docker volume ls -q --filter "label=$label") >/dev/null 2>&1
  docker network rm "$net" >/dev/null 2>&1
  docker rmi -f $(docker images -q --filter "label=$label" | sort -u) >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "baseline: $*" >&2; ok=1; }

# Waits until the app in container $1 answers /quote; prints its URL.
serve() {
  local port url
  port=$(docker port "$1" 5000/tcp | head -n1 | sed 's/.*://')
  url="http://127.0.0.1:$port/quote"
  for _ in $(seq 1 $((serve_timeout * 10))); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && { echo "$url"; return 0; }
    [ "$(docker inspect -f '{{.State.Running}}' "$1")" = true ] || return 1
    sleep 0.1
  done
  return 1
}

docker network create --label "$label" -o com.docker.network.bridge.enable_ip_masquerade=false "$net" >/dev/null
# build, image size, image config, tags, layers, claims
if ! DOCKER_BUILDKIT=0 docker build -q --force-rm --label "$label" -t "$image" "$dir" >/dev/null 2>"$tmp/build.log"; then
  fail build
  exit $ok
fi
docker image inspect "$image" >/dev/null
docker history --no-trunc "$image" >/dev/null
docker tag "$image" "dockgrade/$id/quotegen:latest"

# api-quote, served-by-gunicorn, dependencies-installed, stop-cleanly
c=$(docker run -d "${hard[@]}" "$image")
answered=true
url=$(serve "$c") || { fail "no answer"; answered=false; }
docker exec "$c" python3 -c "import flask, gunicorn" || fail "imports"
if $answered; then
  curl -fsSi "$url" | grep -qi '^server: gunicorn' || fail "not gunicorn"
  docker stop -t 10 "$c" >/dev/null
  [ "$(docker inspect -f '{{.State.ExitCode}}' "$c")" = 0 ] || fail "stop"
  docker rm "$c" >/dev/null
else
  docker rm -f "$c" >/dev/null
fi

if $answered; then
  # bind-mount-masks, host-edit-live (and the listing of /app that mount-hides-code compares with)
  echo "probe one $id" >"$tmp/quotes.txt"
  chmod 644 "$tmp/quotes.txt"
  c=$(docker run -d "${hard[@]}" --mount "type=bind,source=$tmp/quotes.txt,target=/app/data/quotes.txt,readonly" "$image")
  url=$(serve "$c") || fail "no answer (bind)"
  curl -fsS "$url" | grep -q "probe one" || fail mask
  docker exec "$c" ls -A /app >/dev/null
  echo "probe two $id" >"$tmp/quotes.txt.new" && cat "$tmp/quotes.txt.new" >"$tmp/quotes.txt"
  curl -fsS "$url" | grep -q "probe two" || fail live
  docker rm -f "$c" >/dev/null

  # mount-hides-code: an empty folder over /app, the app must not start
  mkdir "$tmp/empty" && chmod 755 "$tmp/empty"
  c=$(docker run -d "${hard[@]}" --mount "type=bind,source=$tmp/empty,target=/app,readonly" "$image")
  for _ in $(seq 1 80); do
    [ "$(docker inspect -f '{{.State.Running}}' "$c")" = true ] || break
    sleep 0.1
  done
  [ "$(docker inspect -f '{{.State.Running}}' "$c")" = false ] || fail "app still runs with /app masked"
  docker rm -f "$c" >/dev/null
fi

# named-volume: written from one container, read back from another
vol=$(docker volume create --label "$label" "dockgrade-$id-v1")
c=$(docker run -d "${hard[@]}" --mount "type=volume,source=$vol,target=/data" "$image")
docker exec -u 0 "$c" sh -c 'printf "%s\n" "$1" > /data/dockgrade-probe.txt' sh "volume $id"
docker rm -f "$c" >/dev/null
c=$(docker run -d "${hard[@]}" --mount "type=volume,source=$vol,target=/data" "$image")
docker exec -u 0 "$c" cat /data/dockgrade-probe.txt | grep -q "volume $id" || fail "volume"
docker rm -f "$c" >/dev/null

exit $ok
