#!/usr/bin/env bash
# Measures the policy phase (docs/performance.md), median of N runs (default 5) per stack:
#  1. `./platform check --plan out/<stack>/plan.json`: the whole policy check of an existing plan as a
#     user runs it (JVM start, node start of the real analyzer, Analyze per resource, AnalyzeStack);
#  2. the policy phase inside `./platform plan`: the median of `plan` minus the median of
#     `plan --skip-policies` (same jar, same stack, the two run alternately); the analyzer starts while the engine runs, judges each
#     resource as the engine registers it, and one stack while the engine plans the next;
#  3. `./platform plan --all-stacks` against the sum of the stacks' own `plan` medians.
# Prints the machine's load average next to the numbers: on a shared machine they scale with it.
# Usage: bench/policy.sh [runs]      (CHECK_ONLY=1 skips part 2, which takes 2 plans per run)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
./mvnw -q -B -DskipTests package
node policies/scripts/prepare.js
out="$(mktemp -d)"
# The first plan after a build writes the class archive (target/platform.jsa) with the classes it loaded: a plan
# with policies, as a user's first `plan` is, so the archive holds the analyzer client's classes too.
rm -f target/platform.jsa
for stack in staging production; do
  ./platform plan --stack "$stack" --out "$out" > /dev/null || [ $? -eq 1 ]
done
python3 - "$runs" "$out" <<'PY'
import os, statistics, subprocess, sys, time
runs, out = int(sys.argv[1]), sys.argv[2]

def timed(cmd):
    start = time.perf_counter()
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {code}")
    return time.perf_counter() - start

def median(cmd):
    times = [timed(cmd) for _ in range(runs)]
    return statistics.median(times), min(times), max(times)

def interleaved(a, b):
    """Runs a and b alternately (a, b, a, b, ...), so that a drift of the machine's load weighs on both alike."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a))
        tb.append(timed(b))
    return ta, tb

print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
plans = {}
for stack in ("staging", "production"):
    plan = f"{out}/{stack}/plan.json"
    m, lo, hi = median(["./platform", "check", "--plan", plan, "--stack", stack])
    print(f"{stack:<10} ./platform check                      median {m:6.2f} s  (min {lo:.2f}, max {hi:.2f}, {runs} runs)")
    if os.environ.get("CHECK_ONLY"):
        continue
    with_p, without = interleaved(["./platform", "plan", "--stack", stack, "--out", out],
                                  ["./platform", "plan", "--stack", stack, "--out", out, "--skip-policies"])
    pairs = [w - s for w, s in zip(with_p, without)]
    print(f"{stack:<10} ./platform plan                       median {statistics.median(with_p):6.2f} s  ({' '.join(f'{t:.2f}' for t in with_p)})")
    print(f"{stack:<10} ./platform plan --skip-policies       median {statistics.median(without):6.2f} s  ({' '.join(f'{t:.2f}' for t in without)})")
    print(f"{stack:<10} policy phase of plan (difference)     median {statistics.median(with_p) - statistics.median(without):6.2f} s"
          f"  (median of the run-by-run differences {statistics.median(pairs):.2f} s)")
    plans[stack] = statistics.median(with_p)
if not os.environ.get("CHECK_ONLY"):
    both = median(["./platform", "plan", "--all-stacks", "--out", out])
    total = sum(plans.values())
    print(f"all stacks ./platform plan --all-stacks          median {both[0]:6.2f} s  (sum of the stacks' own plans {total:.2f} s, ratio {both[0] / total:.2f})")
print(f"load average after: {os.getloadavg()[0]:.1f}")
PY
