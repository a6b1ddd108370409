#!/bin/sh
# Restore drill, the check (POSIX sh: also runs under BusyBox). Connects with the libpq environment the caller sets
# (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE, PGSSLROOTCERT) as the instance's master user, takes the
# role of the backup login (the master created platform_backup, so it may grant itself membership: PostgreSQL 16+)
# and runs check.sql in that role, so the check reads every table and can change nothing. Only ever run against the
# drill's temporary instance: the GRANT stays in that copy and is deleted with it.
# Exit status: psql's: 0 when every table was read; 1 when the GRANT or SET ROLE failed; 2 when the server could not be
# reached; 3 when check.sql failed (ON_ERROR_STOP).
set -eu
here=$(dirname "$0")
exec psql -X -q -v ON_ERROR_STOP=1 \
  -c 'GRANT platform_backup TO CURRENT_USER' \
  -c 'SET ROLE platform_backup' \
  -f "$here/check.sql"
