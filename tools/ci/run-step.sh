#!/usr/bin/env bash
# Runs one step of a CI job and keeps what the review comment needs when it fails:
#   tools/ci/run-step.sh NAME DIR COMMAND...
# writes DIR/NAME.log (stdout and stderr, also shown in the job log) and DIR/NAME.exit (the exit code), and exits
# with the command's code. review-comment.mjs turns a non-zero NAME.exit into "the NAME step failed" with the
# log's last lines.
set -uo pipefail
name="$1"
dir="$2"
shift 2
mkdir -p "$dir"
"$@" 2>&1 | tee "$dir/$name.log"
code="${PIPESTATUS[0]}"
echo "$code" > "$dir/$name.exit"
exit "$code"
