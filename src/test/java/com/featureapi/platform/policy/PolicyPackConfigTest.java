package com.featureapi.platform.policy;

import com.featureapi.platform.BesideInProcessTests;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pulumirpc.AnalyzerOuterClass.AnalyzerInfo;
import pulumirpc.AnalyzerOuterClass.EnforcementLevel;
import pulumirpc.AnalyzerOuterClass.PolicyConfig;
import pulumirpc.AnalyzerOuterClass.PolicyConfigSchema;
import pulumirpc.AnalyzerOuterClass.PolicyInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The --policy-pack-config format as the CLI reads it: levels, properties over schema defaults, "all", and every bad entry named. */
@BesideInProcessTests
class PolicyPackConfigTest {

    /** Two policies as GetAnalyzerInfo describes them: one with a config schema and a default, one without. */
    static final AnalyzerInfo INFO = AnalyzerInfo.newBuilder().setName("platform").setVersion("1.0.0")
            .addPolicies(PolicyInfo.newBuilder().setName("rds-backup-retention").setEnforcementLevel(EnforcementLevel.MANDATORY)
                    .setConfigSchema(PolicyConfigSchema.newBuilder().setProperties(Struct.newBuilder()
                            .putFields("minimumDays", Value.newBuilder().setStructValue(Struct.newBuilder()
                                    .putFields("type", Value.newBuilder().setStringValue("integer").build())
                                    .putFields("minimum", Value.newBuilder().setNumberValue(1).build())
                                    .putFields("default", Value.newBuilder().setNumberValue(30).build())).build()))))
            .addPolicies(PolicyInfo.newBuilder().setName("rds-iam-authentication").setEnforcementLevel(EnforcementLevel.ADVISORY))
            .build();

    @TempDir
    Path dir;

    Map<String, PolicyConfig> resolve(String json) throws IOException {
        Path file = dir.resolve("staging.json");
        Files.writeString(file, json);
        return PolicyPackConfig.resolve(INFO, Optional.of(file));
    }

    @Test
    void withoutAFilePoliciesKeepTheirLevelsAndDefaults() {
        Map<String, PolicyConfig> config = PolicyPackConfig.resolve(INFO, Optional.empty());
        assertThat(config.get("rds-backup-retention").getEnforcementLevel()).isEqualTo(EnforcementLevel.MANDATORY);
        assertThat(config.get("rds-backup-retention").getProperties().getFieldsOrThrow("minimumDays").getNumberValue()).isEqualTo(30);
        assertThat(config.get("rds-iam-authentication").getEnforcementLevel()).isEqualTo(EnforcementLevel.ADVISORY);
    }

    @Test
    void theFileOverridesPropertiesAndLevels() throws IOException {
        Map<String, PolicyConfig> config = resolve("""
                {"all": "advisory", "rds-backup-retention": {"enforcementLevel": "mandatory", "minimumDays": 7}}""");
        assertThat(config.get("rds-backup-retention").getEnforcementLevel()).isEqualTo(EnforcementLevel.MANDATORY);
        assertThat(config.get("rds-backup-retention").getProperties().getFieldsOrThrow("minimumDays").getNumberValue()).isEqualTo(7);
        assertThat(config.get("rds-iam-authentication").getEnforcementLevel()).isEqualTo(EnforcementLevel.ADVISORY);
    }

    @Test
    void aLevelAloneDisablesAPolicy() throws IOException {
        assertThat(resolve("{\"rds-iam-authentication\": \"disabled\"}").get("rds-iam-authentication").getEnforcementLevel())
                .isEqualTo(EnforcementLevel.DISABLED);
    }

    @Test
    void everyBadEntryIsNamedAtOnce() {
        assertThatThrownBy(() -> resolve("""
                {"rds-backup-retentoin": {"minimumDays": 7},
                 "rds-backup-retention": {"minimumDays": "seven", "maximumDays": 9},
                 "rds-iam-authentication": "strict"}"""))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).isInvalidInput()).isTrue())
                .hasMessage("invalid policy config (4 problems):\n"
                        + "  - " + dir.resolve("staging.json") + ": \"rds-backup-retentoin\" is not a policy of pack platform; did you mean \"rds-backup-retention\"?\n"
                        + "  - " + dir.resolve("staging.json") + ": rds-backup-retention.minimumDays = \"seven\": must be an integer\n"
                        + "  - " + dir.resolve("staging.json") + ": rds-backup-retention.maximumDays: policy rds-backup-retention has no config property \"maximumDays\" (it takes minimumDays)\n"
                        + "  - " + dir.resolve("staging.json") + ": rds-iam-authentication = \"strict\": the enforcement level must be one of advisory, mandatory, remediate, disabled");
    }

    @Test
    void aValueBelowTheSchemaMinimumIsRefused() {
        assertThatThrownBy(() -> resolve("{\"rds-backup-retention\": {\"minimumDays\": 0}}"))
                .hasMessageContaining("rds-backup-retention.minimumDays = 0: must be at least 1");
    }

    @Test
    void theProjectConfigFilesMatchThePack() {
        for (String stack : new String[] {"staging", "production"}) {
            Map<String, PolicyConfig> config = PolicyPackConfig.resolve(SharedAnalyzer.get().info(), Optional.of(Path.of("policies", "config", stack + ".json")));
            assertThat(config).hasSize(SharedAnalyzer.get().info().getPoliciesCount());
        }
    }
}
