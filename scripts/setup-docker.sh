#!/usr/bin/env bash
# Bring up a Docker engine on a Debian/Ubuntu host, as root, idempotently.
# - installs docker.io, docker-compose (v1) and debootstrap when missing;
# - starts dockerd in the background when no service manager runs it;
# - waits (bounded) until `docker info` answers.
# Safe to run again: every step checks before it acts.
set -euo pipefail

log() { printf '[setup-docker] %s\n' "$*" >&2; }
WAIT_SECONDS="${DOCKER_WAIT_SECONDS:-60}"

if docker info >/dev/null 2>&1; then
  log "engine already answers: $(docker info --format '{{.ServerVersion}}' 2>/dev/null)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  log "the engine does not answer and this script needs root to install or start it."
  log "fix: run 'sudo bash scripts/setup-docker.sh', or start Docker Desktop / your docker service."
  exit 1
fi

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
  need+=(docker-compose)
fi
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if [ "${#need[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing ${need[*]} and this host has no apt-get; install Docker for your OS and run again."
    exit 1
  fi
  log "installing ${need[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Keep the client this host already has (it may be newer than docker.io's).
  apt-get install -y -qq --no-install-recommends "${need[@]}" iptables ca-certificates >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    log "starting docker with systemctl"
    systemctl start docker
  else
    # A killed engine leaves its pid files; a new one refuses to start while they point at a live pid.
    pgrep -x containerd >/dev/null 2>&1 || rm -f /var/run/docker/containerd/containerd.pid
    rm -f /var/run/docker.pid
    log "starting dockerd in the background (log: /var/log/dockerd.log)"
    # setsid: the engine must outlive the shell (or test) that started it.
    setsid nohup dockerd >/var/log/dockerd.log 2>&1 < /dev/null &
  fi
fi

for ((i = 0; i < WAIT_SECONDS; i++)); do
  if docker info >/dev/null 2>&1; then
    log "engine ready: $(docker info --format '{{.ServerVersion}}') after ${i}s"
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer within ${WAIT_SECONDS}s; see /var/log/dockerd.log"
tail -n 20 /var/log/dockerd.log >&2 2>/dev/null || true
exit 1
