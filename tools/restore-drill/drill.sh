#!/usr/bin/env bash
# Restore drill (docs/disaster-recovery.md): restores the stack's database to its latest restorable time (the
# latest automated snapshot plus the transaction logs after it, the path of the point-in-time runbook) as a
# temporary instance, checks it (check.sh), and deletes it with everything the drill created, whatever happened.
#
#   tools/restore-drill/drill.sh <stack>
#
# Needs: the AWS CLI with credentials of the stack's account (CI: the deploy role), psql 17 on the PATH, and a
# network path from this machine to the database subnets (CI: the stack's deploy runner inside the VPC).
# Environment (all optional):
#   PROJECT               Pulumi project name (default: platform); the instance is <project>-<stack>-postgres
#   DRILL_CLIENT_CIDR     the runner's address range allowed to reach the temporary instance on 5432 through a
#                         temporary security group (default: this machine's private address /32)
#   DRILL_INSTANCE_CLASS  class of the temporary instance (default: the source's, so the restore time is the real one)
#   DRILL_REPORT          file to append the Markdown report to (default: $GITHUB_STEP_SUMMARY, else stdout)
# Exit status: 0 restored, checked and deleted; 1 any step failed (the report says which).
set -euo pipefail

stack=${1:?usage: drill.sh <stack>}
project=${PROJECT:-platform}
here=$(cd "$(dirname "$0")" && pwd)
source_id="$project-$stack-postgres"
drill_id="$project-$stack-drill-$(date -u +%Y%m%d%H%M%S)"
report=${DRILL_REPORT:-${GITHUB_STEP_SUMMARY:-/dev/stdout}}
work=$(mktemp -d)
security_group=""

log() { printf 'restore-drill: %s\n' "$*" >&2; }
elapsed() { echo $(( $(date -u +%s) - $1 )); }
source_field() {
  aws rds describe-db-instances --db-instance-identifier "$source_id" --query "DBInstances[0].$1" --output text
}

cleanup() {
  local status=$?
  set +e
  log "deleting $drill_id"
  if aws rds describe-db-instances --db-instance-identifier "$drill_id" > /dev/null 2>&1; then
    aws rds delete-db-instance --db-instance-identifier "$drill_id" --skip-final-snapshot --delete-automated-backups > /dev/null
    aws rds wait db-instance-deleted --db-instance-identifier "$drill_id"
  fi
  # The instance's network interfaces linger for a while after the deletion: retry until the group is free.
  if [ -n "$security_group" ]; then
    for _ in $(seq 20); do
      aws ec2 delete-security-group --group-id "$security_group" 2> /dev/null && break
      sleep 30
    done
  fi
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    printf '\n**Restore drill of %s failed** (exit %s); see the log above. The temporary instance %s was deleted.\n' \
      "$stack" "$status" "$drill_id" >> "$report"
  fi
  exit "$status"
}
trap cleanup EXIT

log "reading $source_id"
subnet_group=$(source_field DBSubnetGroup.DBSubnetGroupName)
vpc=$(source_field DBSubnetGroup.VpcId)
read -r -a database_groups <<< "$(source_field 'VpcSecurityGroups[].VpcSecurityGroupId')"
parameter_group=$(source_field 'DBParameterGroups[0].DBParameterGroupName')
kms_key=$(source_field KmsKeyId)
database=$(source_field DBName)
latest_restorable=$(source_field LatestRestorableTime)

client_cidr=${DRILL_CLIENT_CIDR:-$(hostname -I | awk '{print $1}')/32}
security_group=$(aws ec2 create-security-group --vpc-id "$vpc" --group-name "$drill_id" \
  --description "Restore drill: $client_cidr to the temporary instance $drill_id only" \
  --tag-specifications "ResourceType=security-group,Tags=[{Key=Name,Value=$drill_id},{Key=purpose,Value=restore-drill}]" \
  --query GroupId --output text)
aws ec2 revoke-security-group-egress --group-id "$security_group" \
  --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' > /dev/null
aws ec2 authorize-security-group-ingress --group-id "$security_group" --protocol tcp --port 5432 --cidr "$client_cidr" > /dev/null

class_option=()
if [ -n "${DRILL_INSTANCE_CLASS:-}" ]; then
  class_option=(--db-instance-class "$DRILL_INSTANCE_CLASS")
fi

log "restoring $source_id to its latest restorable time ($latest_restorable) as $drill_id"
requested=$(date -u +%s)
aws rds restore-db-instance-to-point-in-time \
  --source-db-instance-identifier "$source_id" \
  --target-db-instance-identifier "$drill_id" \
  --use-latest-restorable-time \
  "${class_option[@]}" \
  --db-subnet-group-name "$subnet_group" \
  --vpc-security-group-ids "${database_groups[@]}" "$security_group" \
  --db-parameter-group-name "$parameter_group" \
  --no-multi-az \
  --no-publicly-accessible \
  --no-deletion-protection \
  --backup-retention-period 0 \
  --enable-iam-database-authentication \
  --manage-master-user-password \
  --master-user-secret-kms-key-id "$kms_key" \
  --tags Key=purpose,Value=restore-drill "Key=source,Value=$source_id" > /dev/null

# `aws rds wait` gives up after 30 minutes; a large restore takes longer, so wait in rounds up to 4 hours.
for _ in 1 2 3 4 5 6 7 8; do
  if aws rds wait db-instance-available --db-instance-identifier "$drill_id" 2> /dev/null; then
    break
  fi
done
aws rds wait db-instance-available --db-instance-identifier "$drill_id"
restore_seconds=$(elapsed "$requested")
log "available after ${restore_seconds}s"

drill_field() {
  aws rds describe-db-instances --db-instance-identifier "$drill_id" --query "DBInstances[0].$1" --output text
}
secret_arn=$(drill_field MasterUserSecret.SecretArn)
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region || true)}}
[ -n "$region" ] || { log "no region: set AWS_REGION"; exit 1; }
curl -fsS -o "$work/rds-ca.pem" "https://truststore.pki.rds.amazonaws.com/$region/$region-bundle.pem"

export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE="$database" PGSSLMODE=verify-full PGSSLROOTCERT="$work/rds-ca.pem"
PGHOST=$(drill_field Endpoint.Address)
PGPORT=$(drill_field Endpoint.Port)
PGUSER=$(drill_field MasterUsername)
PGPASSWORD=$(aws secretsmanager get-secret-value --secret-id "$secret_arn" --query SecretString --output text \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["password"])')

checked=$(date -u +%s)
"$here/check.sh" 2>&1 | tee "$work/check.log"
check_seconds=$(elapsed "$checked")

{
  printf '## Restore drill: %s\n\n' "$stack"
  printf '| | |\n|---|---|\n'
  printf '| source | %s, latest restorable time %s |\n' "$source_id" "$latest_restorable"
  printf '| restored as | %s (deleted after the check) |\n' "$drill_id"
  printf '| restore, request to available | %s s (the restore part of the RTO) |\n' "$restore_seconds"
  printf '| check | %s s |\n\n' "$check_seconds"
  printf '```\n'
  grep 'restore-drill:' "$work/check.log" | sed 's/^.*restore-drill: //'
  printf '```\n'
} >> "$report"
