#!/usr/bin/env bash
# Every figure of docs/performance.md in one command: builds the `bench`
# preset, prints the machine, then runs
#   1. scheme_bench: parse+check, compile, evaluate and decide on the MOPAC
#      scheme and on generated schemes of 10 to 10,000 provisions;
#   2. `remit audit` on a generated 1,000,000-row CSV register of MOPAC
#      decisions (bench/make-register.js; skipped, saying so, where remit
#      has no `audit`);
#   3. bench/peers/run.sh: remit beside Cedar, ZEN and a C++ if-ladder.
# The plot of docs/performance.md is drawn from bench/issue14.dat by
# `gnuplot bench/plot.gp`.
# Takes about 15 minutes on the 2-core machines. Not part of .ci/run.
#
#   bench/run.sh                 # everything
#   ONLY=scheme bench/run.sh     # one part: scheme, audit or peers
#   REPS=5 ROWS=100000 N=10000 bench/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
only="${ONLY:-all}"
reps="${REPS:-3}"
rows="${ROWS:-1000000}"

cmake --preset bench >/dev/null
cmake --build --preset bench >/dev/null

echo "## machine"
echo "cores: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(g++ --version | head -1); node $(node --version 2>/dev/null || echo absent)"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes the figures noisier)"
echo "remit $(git describe --always --dirty 2>/dev/null || echo '?')"

if [ "$only" = all ] || [ "$only" = scheme ]; then
  # The heavy shape of issue 14, which scheme_bench reads from build-bench/.
  for n in 200 2000 10000; do
    [ -f "build-bench/heavy-$n.remit" ] || node bench/make-heavy.js "$n" > "build-bench/heavy-$n.remit"
  done
  echo
  echo "## scheme_bench (median of $reps repetitions, with the coefficient of variation)"
  build-bench/bench/scheme_bench --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
    --benchmark_counters_tabular=true 2>&1 | grep -v '_stddev\|_mean'
fi

if [ "$only" = all ] || [ "$only" = audit ]; then
  echo
  echo "## audit of a $rows-row CSV register (rules/mopac)"
  if build-bench/remit audit --help >/dev/null 2>&1; then
    register="build-bench/register-$rows.csv"
    [ -f "$register" ] || node bench/make-register.js "$rows" > "$register"
    echo "register: $register, $(du -h "$register" | cut -f1)"
    for i in $(seq "$reps"); do
      /usr/bin/time -f "run $i: %e s wall, %U s user, %S s system, %M KB max resident" \
        build-bench/remit audit --scheme rules/mopac --format csv --summary build-bench/audit-summary.txt \
        "$register" 2>&1 >/dev/null || true
    done
    sed -n '1,6p' build-bench/audit-summary.txt
  else
    echo "skipped: this remit has no \`audit\` command yet"
  fi
fi

if [ "$only" = all ] || [ "$only" = peers ]; then
  echo
  echo "## peers"
  bench/peers/run.sh
fi
