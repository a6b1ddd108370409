package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code platform:monitoring} and the cost guards of {@code platform:cost}: every rule with its exact message. */
class MonitoringConfigTest {

    private static List<String> problems(StackConfigFixture fixture) {
        return fixture.problems();
    }

    @Test
    void theStackFilesCarryTheSeedsValuesPerEnvironment() {
        MonitoringConfig production = StackConfigFixture.of("production").load().monitoring();
        MonitoringConfig staging = StackConfigFixture.of("staging").load().monitoring();
        assertThat(production).isEqualTo(new MonitoringConfig(30, 50, 5, 365, true, 365, List.of(), List.of(),
                new AlarmThresholds(80, 20, 2048, 800, 75, 80, 100, 10), 14));
        assertThat(staging).isEqualTo(new MonitoringConfig(15, 50, 5, 30, true, 90, List.of(), List.of(),
                new AlarmThresholds(90, 5, 512, 400, 90, 90, 1000, 30), 7));
        assertThat(StackConfigFixture.of("production").load().cost()).isEqualTo(new CostConfig(2500, false, 80, 100, 20));
    }

    @Test
    void traceRetentionIsOneToNinetyDaysAndTwoWeeksByDefault() {
        assertThat(problems(StackConfigFixture.of("staging").set("platform:monitoring", "traceRetentionDays", 0))).containsExactly(
                "platform:monitoring.traceRetentionDays = \"0\": must be from 1 to 90");
        assertThat(problems(StackConfigFixture.of("production").set("platform:monitoring", "traceRetentionDays", 91))).containsExactly(
                "platform:monitoring.traceRetentionDays = \"91\": must be from 1 to 90");
        assertThat(StackConfigFixture.of("staging").remove("platform:monitoring", "traceRetentionDays").load().monitoring()
                .traceRetentionDays()).isEqualTo(MonitoringConfig.DEFAULT_TRACE_RETENTION_DAYS).isEqualTo(14);
    }

    @Test
    void productionKeepsThirtyDaysOfMetrics() {
        assertThat(problems(StackConfigFixture.of("production").set("platform:monitoring", "prometheusRetentionDays", 14))).containsExactly(
                "platform:monitoring.prometheusRetentionDays = \"14\": production keeps at least 30 days of metrics (seed 002: retention 30d)");
    }

    @Test
    void stagingMayKeepFewerDays() {
        assertThat(StackConfigFixture.of("staging").set("platform:monitoring", "prometheusRetentionDays", 7).load().monitoring()
                .prometheusRetentionDays()).isEqualTo(7);
    }

    @Test
    void logRetentionMustBeACloudWatchPeriod() {
        assertThat(problems(StackConfigFixture.of("staging").set("platform:monitoring", "logRetentionDays", 45))).containsExactly(
                "platform:monitoring.logRetentionDays = \"45\": must be one of the CloudWatch Logs retention periods (days): "
                        + "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
    }

    @Test
    void alarmThresholdsAreCheckedWithTheirRange() {
        assertThat(problems(StackConfigFixture.of("staging")
                .set("platform:monitoring", "alarms/databaseCpuPercent", 120)
                .set("platform:monitoring", "alarms/cacheReplicationLagSeconds", 0))).containsExactly(
                "platform:monitoring.alarms.databaseCpuPercent = \"120\": must be from 1 to 100",
                "platform:monitoring.alarms.cacheReplicationLagSeconds = \"0\": must be from 1 to 3600");
    }

    @Test
    void aMistypedAlarmIsNamedWithTheClosestKey() {
        assertThat(problems(StackConfigFixture.of("staging").set("platform:monitoring", "alarms/databaseCpuPercnt", 70))).containsExactly(
                "platform:monitoring.alarms.databaseCpuPercnt = \"70\": unknown key; did you mean \"databaseCpuPercent\"?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertEmails", "onCallEmails"})
    void alertAndOnCallEmailsMustBeAddressesListedOnce(String key) {
        assertThat(problems(StackConfigFixture.of("staging")
                .set("platform:monitoring", key, List.of("oncall@example.com", "oncall", "oncall@example.com")))).containsExactly(
                "platform:monitoring." + key + "[1] = \"oncall\": is not an e-mail address such as oncall@example.com",
                "platform:monitoring." + key + "[2] = \"oncall@example.com\": is listed twice; list each address once");
    }

    @Test
    void onCallEmailsAreReadApartFromAlertEmails() {
        MonitoringConfig monitoring = StackConfigFixture.of("staging")
                .set("platform:monitoring", "alertEmails", List.of("team@example.com"))
                .set("platform:monitoring", "onCallEmails", List.of("pager@example.com")).load().monitoring();
        assertThat(monitoring.alertEmails()).containsExactly("team@example.com");
        assertThat(monitoring.onCallEmails()).containsExactly("pager@example.com");
    }

    @Test
    void theAuditTrailSwitchIsABoolean() {
        assertThat(problems(StackConfigFixture.of("staging").set("platform:monitoring", "auditTrail", "organization"))).containsExactly(
                "platform:monitoring.auditTrail = \"organization\": must be true or false");
    }

    @Test
    void costAlertPercentagesAreChecked() {
        assertThat(problems(StackConfigFixture.of("staging")
                .set("platform:cost", "anomalyThresholdPercent", 0)
                .set("platform:cost", "budgetActualAlertPercent", 5000))).containsExactly(
                "platform:cost.budgetActualAlertPercent = \"5000\": must be from 1 to 1000",
                "platform:cost.anomalyThresholdPercent = \"0\": must be from 1 to 1000");
    }
}
