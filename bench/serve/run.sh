#!/usr/bin/env bash
# A bounded load test of `remit serve` on loopback (docs/serve.md, "Load"):
# wrk on kept-alive connections posts PCD 785 to /v1/schemes/mopac/eval for
# DURATION seconds, with the decision log on (each answer committed first)
# and then off, and prints wrk's summary with latency percentiles.
#   bench/serve/run.sh [REMIT] [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
remit=${1:-build/remit}
duration=${2:-10}
connections=${3:-16}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {
  local label=$1; shift
  "$remit" serve --scheme rules/mopac --listen 127.0.0.1:0 "$@" 2>"$work/err" &
  local pid=$!
  local port=""
  for _ in $(seq 100); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/err")
    [[ -n "$port" ]] && break
    sleep 0.05
  done
  echo "== $label (wrk -t2 -c$connections -d${duration}s, server threads 2)"
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/serve/eval.lua "http://127.0.0.1:$port/" |
    grep -E "Requests/sec|Latency|50%|90%|99%|non-200|requests in"
  kill -TERM "$pid"
  wait "$pid" || true
  tail -1 "$work/err"
}

run "log on" --log "$work/decisions.db"
"$remit" log verify "$work/decisions.db"
run "log off"
