#!/usr/bin/env bash
# remit beside Cedar, GoRules ZEN and a hand-written C++ if-ladder on the same
# subset of the MOPAC 2020 scheme and the same decisions; prints one table
# (p50, p99, throughput, ratio to remit) and checks every engine's verdict on
# every decision and every threshold ±1p. Not part of .ci/run.
#
#   bench/peers/run.sh            # 100,000 decisions
#   N=10000 bench/peers/run.sh    # fewer
#
# Needs Node.js 20 and npm (the engines are installed from package-lock.json),
# and builds remit with the `bench` preset if build-bench has no remit_peers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${N:-100000}"
out="${OUT:-$root/build-bench/peers}"
peers="$root/build-bench/bench/remit_peers"

cd "$here"
# Not `npm ci`: the lock file lists only the platform packages of zen-engine that
# the registry serves here, and npm ci refuses a lock that lacks the others.
# `npm install --no-save` installs exactly the locked versions and integrity.
if [ ! -d node_modules ] || ! npm ls --silent >/dev/null 2>&1; then npm install --no-save --no-audit --no-fund; fi
if [ ! -x "$peers" ]; then
  (cd "$root" && cmake --preset bench >/dev/null && cmake --build --preset bench --target remit_peers)
fi
node make-jdm.js | cmp -s - mopac.jdm.json || { echo "mopac.jdm.json is out of date: node make-jdm.js > mopac.jdm.json" >&2; exit 2; }

mkdir -p "$out"
node generate.js "$n" 2020 "$out"
for set in decisions boundaries; do
  for engine in remit evaluate ladder; do
    echo "running $engine on $set" >&2
    "$peers" "$engine" "$root/rules/mopac" "$out/$set.jsonl" >"$out/$engine.$set.out"
  done
  for engine in cedar zen; do
    echo "running $engine on $set" >&2
    node "$engine.js" "$out/$set.jsonl" >"$out/$engine.$set.out"
  done
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
node report.js "$out" remit evaluate ladder cedar zen
