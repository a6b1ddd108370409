-- The login of the logical backup (CronJob velero/database-dump): IAM authentication only (rds_iam, no password),
-- read access to every table of the database (pg_read_all_data, PostgreSQL 14+), nothing else. Run once as the
-- master user; running it again changes nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_backup') THEN
    CREATE ROLE platform_backup LOGIN;
  END IF;
END
$$;
-- No NOSUPERUSER here: PostgreSQL 16+ refuses any mention of SUPERUSER from a role that is not one, and RDS's master
-- is not (RestoreDrillCheckTest runs this script as such a master); a role this master creates can never be superuser.
ALTER ROLE platform_backup WITH LOGIN PASSWORD NULL NOCREATEDB NOCREATEROLE;
GRANT rds_iam TO platform_backup;
GRANT pg_read_all_data TO platform_backup;
