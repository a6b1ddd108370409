-- Creates the application's login role for IAM database authentication. Idempotent: every statement
-- can run again on every install and upgrade without error or change (tested against PostgreSQL 17).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '{{ .Values.migrations.appUser }}') THEN
    CREATE ROLE {{ .Values.migrations.appUser }} WITH LOGIN;
  END IF;
END
$$;
-- No password: the app logs in with an IAM token (rds-db:connect), which rds_iam membership requires.
ALTER ROLE {{ .Values.migrations.appUser }} WITH LOGIN PASSWORD NULL;
GRANT rds_iam TO {{ .Values.migrations.appUser }};
GRANT CONNECT ON DATABASE {{ .Values.migrations.databaseName }} TO {{ .Values.migrations.appUser }};
-- PostgreSQL 15+ no longer lets every role create in the public schema: the app owns its tables there.
GRANT USAGE, CREATE ON SCHEMA public TO {{ .Values.migrations.appUser }};
