-- Restore drill, the check: is the restored database whole and readable? Reads every row of every table (a
-- damaged page or a missing file fails the count) and fails when there is no table at all (an empty restore, or
-- the wrong database). Run by check.sh as platform_backup (read access to every table, pg_read_all_data), so it
-- can read and change nothing. One NOTICE per table: "restore-drill: <schema>.<table> <rows> rows".
DO $$
DECLARE
    t record;
    row_count bigint;
    tables integer := 0;
    total bigint := 0;
BEGIN
    FOR t IN
        SELECT n.nspname AS schema_name, c.relname AS table_name
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
        ORDER BY 1, 2
    LOOP
        EXECUTE format('SELECT count(*) FROM %I.%I', t.schema_name, t.table_name) INTO row_count;
        RAISE NOTICE 'restore-drill: %.% % rows', t.schema_name, t.table_name, row_count;
        tables := tables + 1;
        total := total + row_count;
    END LOOP;
    IF tables = 0 THEN
        RAISE EXCEPTION 'restore-drill: database "%" has no tables: the restore is empty or the wrong database was checked', current_database();
    END IF;
    RAISE NOTICE 'restore-drill: % tables, % rows, all readable by %', tables, total, current_user;
END
$$;
