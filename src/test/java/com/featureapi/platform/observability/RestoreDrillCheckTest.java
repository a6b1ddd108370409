package com.featureapi.platform.observability;

import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.observability.PgClient.Result;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore drill's check ({@code tools/restore-drill/check.sh} and {@code check.sql}), as the drill workflow runs it
 * against the restored copy, on a real PostgreSQL 17 with Debian's psql 17 under BusyBox's sh: logged in as a master
 * like RDS's (not a superuser; it ran the backup login's one-time set-up, so it created {@code platform_backup}),
 * it reads every row of every table as the backup login and fails on an empty restore or a missing set-up.
 */
@BesideInProcessTests
class RestoreDrillCheckTest {

    private static final String MASTER = "platform_admin";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startAServerLikeTheRestoredCopy() throws Exception {
        PgClient.requireInstalled();
        postgres = EmbeddedPostgres.builder().start();
        try (Connection superuser = postgres.getPostgresDatabase().getConnection(); Statement sql = superuser.createStatement()) {
            // RDS's master: CREATEROLE and CREATEDB, and through rds_superuser the right to grant these two roles.
            sql.execute("CREATE ROLE rds_iam");
            sql.execute("CREATE ROLE " + MASTER + " LOGIN CREATEROLE CREATEDB");
            sql.execute("GRANT rds_iam, pg_read_all_data TO " + MASTER + " WITH ADMIN OPTION");
        }
        try (Connection master = postgres.getDatabase(MASTER, "postgres").getConnection(); Statement sql = master.createStatement()) {
            // The one-time set-up of docs/operations.md, as the master, and the application's login as the chart's hook makes it.
            sql.execute(Files.readString(Path.of("src/main/resources/sql/database-backup-user.sql")));
            sql.execute("CREATE ROLE feature_api LOGIN");
            sql.execute("GRANT feature_api TO CURRENT_USER");
            sql.execute("CREATE DATABASE features OWNER feature_api");
            sql.execute("CREATE DATABASE empty OWNER feature_api");
            sql.execute("CREATE DATABASE before_setup OWNER feature_api");
        }
        try (Connection app = postgres.getDatabase("feature_api", "features").getConnection(); Statement sql = app.createStatement()) {
            sql.execute("CREATE SCHEMA app");
            sql.execute("CREATE TABLE app.features (id bigserial PRIMARY KEY, name text NOT NULL)");
            sql.execute("CREATE TABLE app.evaluations (id bigserial PRIMARY KEY, at timestamptz NOT NULL) PARTITION BY RANGE (id)");
            sql.execute("CREATE TABLE app.evaluations_low PARTITION OF app.evaluations FOR VALUES FROM (1) TO (1000)");
            sql.execute("CREATE TABLE app.evaluations_high PARTITION OF app.evaluations FOR VALUES FROM (1000) TO (MAXVALUE)");
            sql.execute("CREATE TABLE \"Odd \"\"Name\"\"\" (v int)");
            sql.execute("INSERT INTO app.features (name) SELECT 'feature-' || i FROM generate_series(1, 250) AS i");
            sql.execute("INSERT INTO app.evaluations (id, at) SELECT i, now() FROM generate_series(1, 1500) AS i");
            sql.execute("INSERT INTO \"Odd \"\"Name\"\"\" VALUES (1), (2)");
            sql.execute("REVOKE ALL ON app.features FROM PUBLIC");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readsEveryTableAsTheBackupLoginAndReportsItsRows() throws Exception {
        Result check = check("features");
        assertThat(check.exitCode()).as(check.output()).isZero();
        // A partitioned table is counted once, through its parent; quoted names are read as they are.
        assertThat(notices(check)).containsExactly(
                "restore-drill: app.evaluations 1500 rows",
                "restore-drill: app.features 250 rows",
                "restore-drill: public.Odd \"Name\" 2 rows",
                "restore-drill: 3 tables, 1752 rows, all readable by platform_backup");
    }

    @Test
    void anEmptyRestoreFails() throws Exception {
        Result check = check("empty");
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.output()).contains("ERROR:  restore-drill: database \"empty\" has no tables: the restore is empty "
                + "or the wrong database was checked");
    }

    @Test
    void theCheckCannotWriteIntoTheCopy() throws Exception {
        Result write = PgClient.busybox(dir, Path.of("tools/restore-drill"), environment("features"),
                "psql -X -v ON_ERROR_STOP=1 -c 'SET ROLE platform_backup' -c 'DELETE FROM app.features'");
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.output()).contains("permission denied for table features");
    }

    @Test
    void aMasterThatDidNotCreateTheBackupLoginIsRefusedItsRole() throws Exception {
        try (Connection superuser = postgres.getPostgresDatabase().getConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("CREATE ROLE other_master LOGIN CREATEROLE");
        }
        Map<String, String> env = new LinkedHashMap<>(environment("before_setup"));
        env.put("PGUSER", "other_master");
        Result check = PgClient.busybox(dir, Path.of("."), env, "sh tools/restore-drill/check.sh");
        // psql exits 1 when a -c command fails (3 is for a failed statement of the -f file).
        assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).contains("permission denied to grant role \"platform_backup\"");
    }

    private static Result check(String database) throws Exception {
        return PgClient.busybox(dir, Path.of("."), environment(database), "sh tools/restore-drill/check.sh");
    }

    private static Map<String, String> environment(String database) {
        return Map.of("PGHOST", "localhost", "PGPORT", Integer.toString(postgres.getPort()), "PGUSER", MASTER,
                "PGDATABASE", database);
    }

    private static List<String> notices(Result result) {
        return result.output().lines().filter(line -> line.contains("NOTICE:  restore-drill:"))
                .map(line -> line.substring(line.indexOf("restore-drill:"))).toList();
    }
}
