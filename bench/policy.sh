#!/usr/bin/env bash
# Measures the policy phase (docs/performance.md), median of N runs (default 5) per stack:
#  1. `./platform check --plan out/<stack>/plan.json`: the whole policy check of an existing plan as a
#     user runs it (JVM start, node start of the real analyzer, Analyze per resource, AnalyzeStack);
#  2. the policy phase inside `./platform plan`: the median of `plan` minus the median of
#     `plan --skip-policies` (same jar, same stack).
# Prints the machine's load average next to the numbers: on a shared machine they scale with it.
# Usage: bench/policy.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
./mvnw -q -B -DskipTests package
node policies/scripts/prepare.js
out="$(mktemp -d)"
for stack in staging production; do
  ./platform plan --stack "$stack" --out "$out" --skip-policies > /dev/null
done
python3 - "$runs" "$out" <<'PY'
import os, statistics, subprocess, sys, time
runs, out = int(sys.argv[1]), sys.argv[2]

def median(cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        times.append(time.perf_counter() - start)
        if code not in (0, 1):
            sys.exit(f"{' '.join(cmd)} exited {code}")
    return statistics.median(times), min(times), max(times)

print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
for stack in ("staging", "production"):
    plan = f"{out}/{stack}/plan.json"
    m, lo, hi = median(["./platform", "check", "--plan", plan, "--stack", stack])
    print(f"{stack:<10} ./platform check                      median {m:6.2f} s  (min {lo:.2f}, max {hi:.2f}, {runs} runs)")
    with_p = median(["./platform", "plan", "--stack", stack, "--out", out])
    without = median(["./platform", "plan", "--stack", stack, "--out", out, "--skip-policies"])
    print(f"{stack:<10} ./platform plan                       median {with_p[0]:6.2f} s")
    print(f"{stack:<10} ./platform plan --skip-policies       median {without[0]:6.2f} s")
    print(f"{stack:<10} policy phase of plan (difference)     median {with_p[0] - without[0]:6.2f} s")
print(f"load average after: {os.getloadavg()[0]:.1f}")
PY
