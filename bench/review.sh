#!/usr/bin/env bash
# Measures `./platform review` (docs/performance.md), medians of N runs (default 3) for three kinds of change,
# each reviewed as `./platform review --base HEAD --head <commit> --all-stacks` from this clean checkout:
#  config  a change of both stack files only (a tag in each): planned in this JVM, no build;
#  cached  a code change (a comment in App.java) whose jar an earlier review built: from the cache;
#  cold    a code change never built before (a fresh comment each run): one jar build, then the plans.
# For `cold` it also times the build alone (./mvnw -q -B -DskipTests package in a worktree of that commit), so
# "cold - build" is what the review adds to one build.
# The commits are made without touching the checkout (a temporary index, git commit-tree) and are
# unreferenced: `git gc` drops them. Needs a clean working tree. Prints the load average: on a shared machine
# the numbers scale with it. Usage: bench/review.sh [runs] [cold-runs]   (defaults 3 and 1)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
cold_runs="${2:-1}"
if [ -n "$(git status --porcelain)" ]; then
  echo "bench/review.sh: commit or stash your changes first (the review plans the clean checkout in place)" >&2
  exit 2
fi
./mvnw -q -B -DskipTests package
node policies/scripts/prepare.js

# A commit of HEAD's tree with files replaced: commit_with <message> <path> <sed expression> [<path> <sed>]...
commit_with() {
  local message="$1"; shift
  local index; index="$(mktemp)"
  rm -f "$index"
  GIT_INDEX_FILE="$index" git read-tree HEAD
  while [ $# -gt 0 ]; do
    local blob; blob="$(sed -e "$2" "$1" | git hash-object -w --stdin)"
    GIT_INDEX_FILE="$index" git update-index --cacheinfo "100644,$blob,$1"
    shift 2
  done
  local tree; tree="$(GIT_INDEX_FILE="$index" git write-tree)"
  rm -f "$index"
  git commit-tree "$tree" -p HEAD -m "$message"
}

app=src/main/java/com/featureapi/platform/App.java
config="$(commit_with "bench: config only" \
  Pulumi.staging.yaml 's/^    costCenter: feature-api$/    costCenter: feature-api-bench/' \
  Pulumi.production.yaml 's/^    costCenter: feature-api$/    costCenter: feature-api-bench/')"
cached="$(commit_with "bench: code change (cached)" "$app" '1s|^|// bench: cached code change\n|')"

review() {   # prints the wall time in seconds of one review of HEAD -> $1
  local start end
  start="$(date +%s.%N)"
  ./platform review --base HEAD --head "$1" --all-stacks --quiet > /dev/null 2> "$errors" || {
    code=$?; [ "$code" = 1 ] || { cat "$errors" >&2; echo "review of $1 exited $code" >&2; exit 1; }; }
  end="$(date +%s.%N)"
  awk "BEGIN {printf \"%.1f\", $end - $start}"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m}'; }
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
review "$cached" > /dev/null   # builds the cached commit's jar once (not counted)
for kind in config cached; do
  times=()
  for i in $(seq "$runs"); do times+=("$(review "${!kind}")"); done
  echo "$kind: ${times[*]} s -> median $(median "${times[@]}") s"
done
times=(); builds=()
for i in $(seq "$cold_runs"); do
  cold="$(commit_with "bench: code change (cold)" "$app" "1s|^|// bench: cold code change $(date +%s%N)\n|")"
  wt="$(mktemp -d)/wt"
  git worktree add --detach --quiet "$wt" "$cold"
  start="$(date +%s.%N)"
  (cd "$wt" && ./mvnw -q -B -DskipTests package > /dev/null)
  builds+=("$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}")")
  git worktree remove --force "$wt"; rmdir "$(dirname "$wt")"
  times+=("$(review "$cold")")
done
echo "cold: ${times[*]} s -> median $(median "${times[@]}") s; the build alone: ${builds[*]} s -> median $(median "${builds[@]}") s"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
