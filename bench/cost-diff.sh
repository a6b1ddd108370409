#!/usr/bin/env bash
# Measures (docs/performance.md): `./platform cost` on the production plan and `./platform diff` between the
# staging and production plans, against the JVM's own start (`--help` of the same CLI, which loads picocli and
# exits), median of N runs each, started exactly as ./platform starts them (C1 only, from the jar).
# The difference is what pricing and diffing cost on top of JVM start (target: under 1 s).
# Plain bash and `date`, no extra tool. Usage: bench/cost-diff.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
./mvnw -q -B -DskipTests package
out="$(mktemp -d)"
java_cli=(java -XX:TieredStopAtLevel=1 -cp target/platform.jar com.featureapi.platform.cli.PlatformCli)
"${java_cli[@]}" plan --stack staging --stack production --skip-policies --out "$out" > /dev/null

# Runs a command N times and prints "<median wall s> <median CPU s>" (CPU = user + sys of the JVM, which a
# loaded machine inflates far less than wall time), with bash's own `time`.
median() {
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    local t
    t=$( { TIMEFORMAT='%R %U %S'; time "$@" > /dev/null 2>&1; } 2>&1 )
    walls+=("$(echo "$t" | awk '{print $1}')")
    cpus+=("$(echo "$t" | awk '{print $2 + $3}')")
  done
  local mid='{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.3f", m}'
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | awk "$mid") $(printf '%s\n' "${cpus[@]}" | sort -n | awk "$mid")"
}

read -r jvm_wall jvm_cpu <<< "$(median "${java_cli[@]}" --help)"
read -r cost_wall cost_cpu <<< "$(median "${java_cli[@]}" cost --plan "$out/production/plan.json")"
read -r diff_wall diff_cpu <<< "$(median "${java_cli[@]}" diff --base "$out/staging/plan.json" --head "$out/production/plan.json" --format markdown)"
beyond() { awk "BEGIN {printf \"%.3f\", $1 - $2}"; }
echo "runs: $runs, load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '%-58s wall %s s  cpu %s s\n' "JVM start (platform --help)" "$jvm_wall" "$jvm_cpu"
printf '%-58s wall %s s  cpu %s s  beyond JVM start: wall %s s, cpu %s s\n' "cost --plan production/plan.json" \
  "$cost_wall" "$cost_cpu" "$(beyond "$cost_wall" "$jvm_wall")" "$(beyond "$cost_cpu" "$jvm_cpu")"
printf '%-58s wall %s s  cpu %s s  beyond JVM start: wall %s s, cpu %s s\n' "diff --base staging --head production --format markdown" \
  "$diff_wall" "$diff_cpu" "$(beyond "$diff_wall" "$jvm_wall")" "$(beyond "$diff_cpu" "$jvm_cpu")"
