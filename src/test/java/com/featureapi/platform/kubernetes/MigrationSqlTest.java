package com.featureapi.platform.kubernetes;

import com.featureapi.platform.BesideInProcessTests;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration hook's SQL, exactly as Helm rendered it into the staging plan's ConfigMap, against a real
 * PostgreSQL 17 (the stacks' major), twice: the second run must succeed and change nothing.
 */
@BesideInProcessTests
class MigrationSqlTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE features");
            // Stand-in for the role RDS creates for IAM database authentication.
            sql.execute("CREATE ROLE rds_iam");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String renderedSql() {
        Map<String, Object> configMap = RenderedChart.manifest("staging", "ConfigMap", "feature-api-migrations");
        return String.valueOf(((Map<?, ?>) configMap.get("data")).get("create-app-user.sql"));
    }

    private static Connection features() throws SQLException {
        return postgres.getDatabase("postgres", "features").getConnection();
    }

    @Test
    void createsTheIamLoginRoleAndRunsAgainWithoutError() throws Exception {
        String script = renderedSql();
        try (Connection db = features(); Statement sql = db.createStatement()) {
            sql.execute(script);
            Map<String, Object> first = state(sql);
            sql.execute(script);
            assertThat(state(sql)).isEqualTo(first);
            assertThat(first).containsEntry("rolcanlogin", true).containsEntry("rolpassword", null)
                    .containsEntry("memberOfRdsIam", true).containsEntry("canConnect", true).containsEntry("canCreateInPublic", true);
        }
    }

    private static Map<String, Object> state(Statement sql) throws SQLException {
        try (ResultSet row = sql.executeQuery("""
                SELECT r.rolcanlogin, a.rolpassword,
                       pg_has_role('feature_api', 'rds_iam', 'MEMBER') AS member,
                       has_database_privilege('feature_api', 'features', 'CONNECT') AS connect,
                       has_schema_privilege('feature_api', 'public', 'CREATE') AS create_in_public,
                       (SELECT count(*) FROM pg_roles WHERE rolname = 'feature_api') AS roles
                FROM pg_roles r JOIN pg_authid a ON a.oid = r.oid WHERE r.rolname = 'feature_api'""")) {
            assertThat(row.next()).as("the role feature_api exists").isTrue();
            Map<String, Object> state = new java.util.HashMap<>();
            state.put("rolcanlogin", row.getBoolean("rolcanlogin"));
            state.put("rolpassword", row.getString("rolpassword"));
            state.put("memberOfRdsIam", row.getBoolean("member"));
            state.put("canConnect", row.getBoolean("connect"));
            state.put("canCreateInPublic", row.getBoolean("create_in_public"));
            state.put("roles", row.getLong("roles"));
            return state;
        }
    }
}
