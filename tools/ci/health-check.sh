#!/usr/bin/env bash
# Post-deployment check of seed 002 (`curl -f <host>/health`, `curl -f <host>/health/ready`), with
# retries: a rollout that has just finished may need a minute before the load balancer routes to
# ready pods. Passes when both endpoints answer 2xx in the same attempt.
# Usage: tools/ci/health-check.sh https://api-staging.example.com [attempts] [seconds-between]
set -euo pipefail
url="${1:-}"
attempts="${2:-30}"
pause="${3:-10}"
if [ -z "$url" ] || [ "$url" = "https://" ]; then
  echo "health-check: no URL; set the environment's variable APP_HOSTNAME (for example api-staging.example.com)" >&2
  exit 2
fi
url="${url%/}"
for ((i = 1; i <= attempts; i++)); do
  if curl -fsS --max-time 5 -o /dev/null "$url/health" && curl -fsS --max-time 5 -o /dev/null "$url/health/ready"; then
    echo "health-check: $url/health and $url/health/ready answered (attempt $i of $attempts)"
    exit 0
  fi
  echo "health-check: attempt $i of $attempts failed; next in ${pause}s" >&2
  sleep "$pause"
done
echo "health-check: $url did not become healthy in $attempts attempts: the deployment failed" >&2
exit 1
