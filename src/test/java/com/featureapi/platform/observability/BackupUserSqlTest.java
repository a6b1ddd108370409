package com.featureapi.platform.observability;

import com.featureapi.platform.BesideInProcessTests;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backup login's SQL (docs/operations.md) on a real PostgreSQL 17: it can read every table the application
 * owns, write none, and running the script twice changes nothing. The dump and restore themselves run in
 * {@link DatabaseDumpRestoreTest}.
 */
@BesideInProcessTests
class BackupUserSqlTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE rds_iam");
            sql.execute("CREATE ROLE feature_api LOGIN");
            sql.execute("CREATE SCHEMA app AUTHORIZATION feature_api");
            sql.execute("SET ROLE feature_api");
            sql.execute("CREATE TABLE app.features (id int PRIMARY KEY, name text)");
            sql.execute("INSERT INTO app.features VALUES (1, 'dark-mode'), (2, 'beta')");
            sql.execute("RESET ROLE");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theBackupLoginReadsEveryTableWritesNoneAndTheScriptIsRepeatable() throws Exception {
        String script = Files.readString(Path.of("src/main/resources/sql/database-backup-user.sql"));
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute(script);
            sql.execute(script);
            try (ResultSet role = sql.executeQuery("SELECT rolcanlogin, rolsuper, rolpassword IS NULL AS passwordless, "
                    + "pg_has_role('platform_backup', 'rds_iam', 'member') AS iam, "
                    + "pg_has_role('platform_backup', 'pg_read_all_data', 'member') AS reads FROM pg_authid WHERE rolname = 'platform_backup'")) {
                assertThat(role.next()).isTrue();
                assertThat(role.getBoolean("rolcanlogin")).isTrue();
                assertThat(role.getBoolean("rolsuper")).isFalse();
                assertThat(role.getBoolean("passwordless")).isTrue();
                assertThat(role.getBoolean("iam")).isTrue();
                assertThat(role.getBoolean("reads")).isTrue();
            }
            sql.execute("SET ROLE platform_backup");
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM app.features")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
            assertThatThrownBy(() -> sql.execute("INSERT INTO app.features VALUES (3, 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.execute("DELETE FROM app.features"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            sql.execute("RESET ROLE");
        }
    }
}
