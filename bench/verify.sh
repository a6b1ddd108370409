#!/usr/bin/env bash
# Measures (docs/testing.md, "How verify stays fast"): wall time of `./mvnw verify` with warm caches (Maven's
# repository, node_modules, tools/pg-client/dist), N runs, median, with the load average before each run (the
# numbers mean something only on a quiet machine). The first run is a warm-up that is not counted: it installs what
# a fresh clone lacks and compiles. Plain bash and `date`. Usage: bench/verify.sh [runs]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
log="$(mktemp)"
./mvnw -q -B verify > "$log" 2>&1 || { tail -50 "$log"; echo "warm-up verify failed; its log: $log" >&2; exit 1; }
times=()
for i in $(seq "$runs"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  start="$(date +%s.%N)"
  ./mvnw -q -B verify > "$log" 2>&1 || { tail -50 "$log"; echo "verify run $i failed; its log: $log" >&2; exit 1; }
  seconds="$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}")"
  times+=("$seconds")
  echo "run $i: ${seconds} s (load average before: $load)"
done
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m}')"
echo "median of $runs: ${median} s on $(nproc) cores"
rm -f "$log"
