package com.featureapi.platform.observability;

import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.observability.PgClient.Result;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logical backup end to end on a real PostgreSQL 17 (zonky) with TLS: production's {@code database-dump} CronJob
 * script, exactly as planned, run by BusyBox's sh (the Alpine image's /bin/sh) with Debian's pg_dump 17
 * ({@code tools/pg-client}), logging in as {@code platform_backup} over TLS verified against a CA; then restore
 * steps 3 and 4 of docs/operations.md, as written there, into an empty database by a non-superuser master (like
 * RDS's), and every row, sequence and owner compared with the source.
 *
 * <p>What cannot run here and is stood in for: the IAM token (a password of the login; RDS checks the token the same
 * way, as the password of an {@code rds_iam} member), RDS's CA bundle (a CA made for the test), and the S3 upload
 * (the third container, {@code aws s3 cp}).
 */
@BesideInProcessTests
class DatabaseDumpRestoreTest {

    private static final String IAM_TOKEN_STAND_IN = "token-valid-for-15-minutes";
    /** The master of the test server: like RDS's, not a superuser, but allowed to create roles and databases. */
    private static final String MASTER = "platform_admin";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;
    private static PlannedResource cronJob;
    private static String database;

    @BeforeAll
    static void startPostgresWithTlsAndTheApplicationsData() throws Exception {
        PgClient.requireInstalled();
        cronJob = PlannedStacks.of("production").one("kubernetes:batch/v1:CronJob", "database-dump");
        database = env(dumpContainer()).get("PGDATABASE");

        certificateAuthority("rds-ca");
        certificateAuthority("other-ca");
        PgClient.run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        PgClient.run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "rds-ca.pem", "-CAkey", "rds-ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        // The backup login only over TLS with a password (the token); everyone else trusted on loopback.
        Files.writeString(dir.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "hostssl all platform_backup 127.0.0.1/32 scram-sha-256",
                "hostssl all platform_backup ::1/128 scram-sha-256",
                "host all platform_backup 0.0.0.0/0 reject",
                "host all platform_backup ::/0 reject",
                "host all all 127.0.0.1/32 trust",
                "host all all ::1/128 trust", ""));
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", dir.resolve("server.crt").toString())
                .setServerConfig("ssl_key_file", dir.resolve("server.key").toString())
                .setServerConfig("hba_file", dir.resolve("pg_hba.conf").toString())
                .start();

        try (Connection superuser = postgres.getPostgresDatabase().getConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("CREATE ROLE rds_iam");
            sql.execute("CREATE ROLE " + MASTER + " LOGIN CREATEROLE CREATEDB");
            // The one-time set-up of docs/operations.md, the script as committed.
            sql.execute(Files.readString(Path.of("src/main/resources/sql/database-backup-user.sql")));
            // Stand-in for IAM: RDS accepts the token as the password of an rds_iam member.
            sql.execute("ALTER ROLE platform_backup PASSWORD '" + IAM_TOKEN_STAND_IN + "'");
        }
        try (Connection master = postgres.getDatabase(MASTER, "postgres").getConnection(); Statement sql = master.createStatement()) {
            // As the chart's migration hook does: the master creates the application's login (so it holds ADMIN only).
            sql.execute("CREATE ROLE feature_api LOGIN");
        }
        try (Connection superuser = postgres.getPostgresDatabase().getConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("CREATE DATABASE " + database + " OWNER feature_api");
        }
        try (Connection app = postgres.getDatabase("feature_api", database).getConnection(); Statement sql = app.createStatement()) {
            sql.execute("CREATE SCHEMA app");
            sql.execute("CREATE TYPE app.rollout AS ENUM ('off', 'canary', 'on')");
            sql.execute("CREATE TABLE app.features (id bigserial PRIMARY KEY, name text UNIQUE NOT NULL, state app.rollout NOT NULL, "
                    + "rules jsonb, payload bytea, created timestamptz NOT NULL)");
            sql.execute("CREATE TABLE app.evaluations (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "feature_id bigint NOT NULL REFERENCES app.features (id), \"user\" text, at timestamptz NOT NULL)");
            sql.execute("CREATE INDEX evaluations_by_feature ON app.evaluations (feature_id, at)");
            sql.execute("CREATE VIEW app.enabled AS SELECT name FROM app.features WHERE state = 'on'");
            // Names with quotes, a tab, a newline, a backslash and non-ASCII text; some NULLs.
            sql.execute("INSERT INTO app.features (name, state, rules, payload, created) SELECT "
                    + "'feature-' || i || CASE i % 5 WHEN 0 THEN ' \"quoted\" it''s' WHEN 1 THEN E'\\ttab\\nline \\\\ back' "
                    + "WHEN 2 THEN ' grüße 機能' ELSE '' END, (ARRAY['off','canary','on'])[i % 3 + 1]::app.rollout, "
                    + "CASE WHEN i % 4 = 0 THEN NULL ELSE jsonb_build_object('percent', i % 100, 'segments', jsonb_build_array('beta', i)) END, "
                    + "decode(md5(i::text), 'hex'), timestamptz '2026-11-01 00:00:00+00' + i * interval '1 minute' "
                    + "FROM generate_series(1, 2000) AS i");
            sql.execute("INSERT INTO app.evaluations (feature_id, \"user\", at) SELECT i % 2000 + 1, "
                    + "CASE WHEN i % 7 = 0 THEN NULL ELSE 'user-' || i END, timestamptz '2026-11-20 00:00:00+00' + i * interval '1 second' "
                    + "FROM generate_series(1, 20000) AS i");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theCronJobsDumpRestoresEveryRowSequenceAndObjectThroughTheDocumentedSteps() throws Exception {
        Path work = workDirectory("rds-ca.pem", IAM_TOKEN_STAND_IN);
        Result dump = runDumpScript(work);
        assertThat(dump.exitCode()).as(dump.output()).isZero();
        assertThat(work.resolve("token")).as("the token is removed once used").doesNotExist();
        assertThat(work.resolve("dump.sql.gz")).isNotEmptyFile();

        // Why step 3 starts with a GRANT: the master created feature_api but is not a member of it (PostgreSQL 16+).
        Result withoutGrant = busybox(dir, Map.of("PGPORT", Integer.toString(postgres.getPort())),
                "createdb -h localhost -U " + MASTER + " -O feature_api not_a_member_yet");
        assertThat(withoutGrant.exitCode()).isNotZero();
        assertThat(withoutGrant.output()).contains("must be able to SET ROLE \"feature_api\"");

        Map<String, String> placeholders = Map.of("<host>", "localhost", "<master>", MASTER,
                "<file>", work.resolve("dump").toString());
        for (String command : restoreCommands()) {
            String shell = command;
            for (var placeholder : placeholders.entrySet()) {
                shell = shell.replace(placeholder.getKey(), placeholder.getValue());
            }
            Result step = busybox(dir, Map.of("PGPORT", Integer.toString(postgres.getPort())), "set -o pipefail && " + shell);
            assertThat(step.exitCode()).as(shell + "\n" + step.output()).isZero();
        }

        try (Connection source = postgres.getDatabase("postgres", database).getConnection();
             Connection restored = postgres.getDatabase("postgres", "feature_api_restore").getConnection()) {
            for (String table : List.of("app.features", "app.evaluations")) {
                assertThat(fingerprint(restored, table)).as(table).isEqualTo(fingerprint(source, table));
            }
            assertThat(fingerprint(restored, "app.features")).startsWith("2000 ");
            assertThat(fingerprint(restored, "app.evaluations")).startsWith("20000 ");
            assertThat(query(restored, "SELECT count(*) FROM app.enabled")).isEqualTo(query(source, "SELECT count(*) FROM app.enabled"));
            assertThat(query(restored, "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'app'"))
                    .isEqualTo("evaluations_by_feature,evaluations_pkey,features_name_key,features_pkey");
            // Everything belongs to the application's login (the dump carries no owners; step 4 loads as feature_api).
            assertThat(query(restored, "SELECT string_agg(DISTINCT pg_get_userbyid(relowner), ',') FROM pg_class "
                    + "WHERE relnamespace = 'app'::regnamespace")).isEqualTo("feature_api");
            assertThat(query(restored, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'app'")).isEqualTo("feature_api");
        }
        // Sequences and identity columns continue where the source stopped: the application can insert at once.
        try (Connection app = postgres.getDatabase("feature_api", "feature_api_restore").getConnection()) {
            assertThat(query(app, "INSERT INTO app.features (name, state, created) VALUES ('after-restore', 'on', now()) RETURNING id"))
                    .isEqualTo("2001");
            assertThat(query(app, "INSERT INTO app.evaluations (feature_id, at) VALUES (2001, now()) RETURNING id")).isEqualTo("20001");
        }
    }

    @Test
    void aServerNotSignedByTheGivenCaFailsTheDumpSoTheUploadNeverRuns() throws Exception {
        Path work = workDirectory("other-ca.pem", IAM_TOKEN_STAND_IN);
        Result dump = runDumpScript(work);
        // Non-zero although gzip succeeds: `set -o pipefail` carries pg_dump's failure out of the pipe, which fails
        // the init container, so the upload container never starts.
        assertThat(dump.exitCode()).isNotZero();
        assertThat(dump.output()).contains("certificate verify failed");
    }

    @Test
    void aRejectedTokenFailsTheDump() throws Exception {
        Path work = workDirectory("rds-ca.pem", "expired-token");
        Result dump = runDumpScript(work);
        assertThat(dump.exitCode()).isNotZero();
        assertThat(dump.output()).contains("password authentication failed for user \"platform_backup\"");
    }

    @Test
    void theDumpImageIsOfTheServersMajorAndTheClientRunHereIsToo() throws Exception {
        Map<String, Object> container = dumpContainer();
        assertThat(container.get("image")).isEqualTo("postgres:17-alpine");
        Result version = busybox(dir, Map.of(), "pg_dump --version");
        assertThat(version.output()).startsWith("pg_dump (PostgreSQL) 17.");
        try (Connection server = postgres.getPostgresDatabase().getConnection()) {
            assertThat(query(server, "SHOW server_version")).startsWith("17.");
        }
    }

    /** The dump container's shell script, with the pod's emptyDir at {@code /work} moved to {@code work}. */
    private static Result runDumpScript(Path work) throws Exception {
        Map<String, Object> container = dumpContainer();
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) container.get("command");
        assertThat(command.subList(0, 2)).containsExactly("/bin/sh", "-c");
        String script = command.get(2).replace(Backups.DUMP_DIRECTORY + "/", work + "/");
        Map<String, String> env = new LinkedHashMap<>(env(container));
        env.put("HOME", work.toString());
        // The planned host is RDS's endpoint; here it is the test server's name on its certificate.
        env.put("PGHOST", "localhost");
        env.put("PGPORT", Integer.toString(postgres.getPort()));
        return busybox(work, env, script);
    }

    private static Map<String, Object> dumpContainer() {
        @SuppressWarnings("unchecked")
        Map<String, Object> dump = (Map<String, Object>) cronJob.input("spec.jobTemplate.spec.template.spec.initContainers.1");
        assertThat(dump.get("name")).isEqualTo("dump");
        return dump;
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variables = (List<Map<String, Object>>) container.get("env");
        variables.forEach(variable -> env.put((String) variable.get("name"), (String) variable.get("value")));
        return env;
    }

    /** What the token container leaves in the emptyDir: the token and the CA bundle. */
    private static Path workDirectory(String caFile, String token) throws IOException {
        Path work = Files.createTempDirectory(dir, "work");
        Files.writeString(work.resolve("token"), token);
        Files.copy(dir.resolve(caFile), work.resolve("rds-ca.pem"));
        return work;
    }

    /** Steps 3 and 4 of "Restore from a logical database backup" in docs/operations.md, every backticked command. */
    private static List<String> restoreCommands() throws IOException {
        String doc = Files.readString(Path.of("docs/operations.md"));
        String section = doc.substring(doc.indexOf("## Restore from a logical database backup"));
        section = section.substring(section.indexOf("\n3. "), section.indexOf("\n5. "));
        List<String> commands = new ArrayList<>();
        Matcher code = Pattern.compile("`([^`]*(?:psql|createdb)[^`]*)`").matcher(section);
        while (code.find()) {
            commands.add(code.group(1));
        }
        assertThat(commands).hasSize(3);
        return commands;
    }

    /** Row count and an md5 over every row in key order: equal fingerprints, equal contents. */
    private static String fingerprint(Connection connection, String table) throws SQLException {
        return query(connection, "SELECT count(*) || ' ' || md5(string_agg(t::text, '|' ORDER BY t.id)) FROM " + table + " AS t");
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static void certificateAuthority(String name) throws Exception {
        PgClient.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=" + name);
    }

    private static Result busybox(Path workingDirectory, Map<String, String> env, String script) throws Exception {
        return PgClient.busybox(dir, workingDirectory, env, script);
    }
}
