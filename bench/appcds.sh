#!/usr/bin/env bash
# Measures (docs/performance.md, "AppCDS and C1 through JDK_JAVA_OPTIONS"): the program's start to last
# registration, started as the Pulumi Java host starts it (the `java` launcher on the shaded jar, no flags
# of its own), with the JVM options CI puts in JDK_JAVA_OPTIONS (which the launcher reads for any start):
#   plain | C1 only (-XX:TieredStopAtLevel=1) | AppCDS archive (-XX:SharedArchiveFile) | both.
# The run is the offline plan of production (every tier registers), the same work as bench/startup.sh.
# Builds the jar and its archive first (tools/ci/appcds.sh). Needs hyperfine (Debian package `hyperfine`).
# Prints the median wall time and the mean CPU time (user + system) of each: on a machine shared with
# other work, CPU time is the figure that still compares (wall time then mostly measures the queue).
# Usage: bench/appcds.sh [runs] [stack]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
stack="${2:-production}"
[ -f target/platform.jar ] || ./mvnw -q -B -DskipTests package
tools/ci/appcds.sh
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run="java -cp target/platform.jar com.featureapi.platform.cli.PlatformCli plan --stack $stack --out $out/plans"
cds="-XX:SharedArchiveFile=target/platform.jsa -Xshare:auto"
hyperfine --runs "$runs" --warmup 1 --export-json "$out/appcds.json" \
  -n 'plain' "env -u JDK_JAVA_OPTIONS $run" \
  -n 'C1 only' "env JDK_JAVA_OPTIONS='-XX:TieredStopAtLevel=1' $run" \
  -n 'AppCDS' "env JDK_JAVA_OPTIONS='$cds' $run" \
  -n 'AppCDS + C1 only' "env JDK_JAVA_OPTIONS='$cds -XX:TieredStopAtLevel=1' $run"
python3 - "$out/appcds.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
plain_wall = results[0]["median"]
plain_cpu = results[0]["user"] + results[0]["system"]
for r in results:
    cpu = r["user"] + r["system"]
    print(f"{r['command']:<18} wall median {r['median']:.3f} s (min {r['min']:.3f}, max {r['max']:.3f}, {len(r['times'])} runs, "
          f"{plain_wall / r['median']:.2f}x plain)  CPU mean {cpu:.2f} s ({plain_cpu / cpu:.2f}x plain)")
PY
