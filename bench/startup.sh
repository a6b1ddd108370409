#!/usr/bin/env bash
# Measures (docs/performance.md):
#  1. a whole `./platform plan --stack production` (jar already built), median of N runs;
#  2. the program's start-to-registered time started the two ways the Pulumi Java host can start it:
#     through Maven (`mvn compile exec:java`, what the host does without options.binary) and from the jar
#     (`java -jar`, what Pulumi.yaml's options.binary does). Both run the same offline plan, which ends once
#     every resource is registered; the jar is started the way the host starts it, without extra JVM flags.
#     The Maven path is measured twice: with the classes up to date, and after a source change (every
#     pull-request preview), when `compile` has work to do.
# Needs hyperfine (Debian package `hyperfine`). Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
./mvnw -q -B -DskipTests package
out="$(mktemp -d)"
main=com.featureapi.platform.cli.PlatformCli
args="plan --stack production --out $out"
hyperfine --runs "$runs" --warmup 1 --export-json "$out/plan.json" -n './platform plan' "./platform $args"
maven="./mvnw -q -B compile exec:java -Dexec.mainClass=$main -Dexec.args='$args'"
# One --prepare per command: hyperfine applies a single --prepare to every command.
hyperfine --runs "$runs" --warmup 1 --export-json "$out/start.json" \
  --prepare 'true' -n 'mvn compile exec:java (classes up to date)' "$maven" \
  --prepare 'touch src/main/java/com/featureapi/platform/App.java' -n 'mvn compile exec:java (after a source change)' "$maven" \
  --prepare 'true' -n 'java -jar (the same jar, as the host starts it)' "java -cp target/platform.jar $main $args"
python3 - "$out" <<'PY'
import json, sys
for name in ("plan", "start"):
    for r in json.load(open(f"{sys.argv[1]}/{name}.json"))["results"]:
        print(f"{r['command']:<48} median {r['median']:.3f} s  (min {r['min']:.3f}, max {r['max']:.3f}, {len(r['times'])} runs)")
PY
