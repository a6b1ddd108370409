package com.featureapi.platform.config;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per config rule that {@link PlatformConfigLoaderTest} does not pin, each with the exact and
 * complete list of problems ({@code containsExactly}): a rule that starts reporting a second, spurious
 * problem fails as surely as one that stops reporting. The checklist of every rule is in docs/testing.md.
 */
class ConfigRulesTest {

    private static List<String> problems(StackConfigFixture fixture) {
        return fixture.problems();
    }

    private static StackConfigFixture staging() {
        return StackConfigFixture.of("staging");
    }

    private static StackConfigFixture production() {
        return StackConfigFixture.of("production");
    }

    @Nested
    class StackLevelKeys {
        @Test
        void regionMustBeARegionName() {
            assertThat(problems(staging().setKey("aws:region", "virginia"))).containsExactly(
                    "aws:region = \"virginia\": is not an AWS region name such as us-east-1");
        }

        @Test
        void missingRegionIsTheOnlyProblem() {
            assertThat(problems(staging().removeKey("aws:region"))).containsExactly(
                    "aws:region: required key is missing; set it, for example aws:region: us-east-1");
        }

        @Test
        void accountIdIsRequired() {
            assertThat(problems(staging().removeKey("platform:accountId"))).containsExactly(
                    "platform:accountId: required key is missing; set it, for example platform:accountId: \"123456789012\" (quote it in YAML)");
        }

        @Test
        void environmentIsRequired() {
            assertThat(problems(staging().removeKey("platform:environment"))).containsExactly(
                    "platform:environment: required key is missing; set it, for example platform:environment: staging");
        }

        @ParameterizedTest
        @ValueSource(strings = {"prod", "Production", "dev"})
        void environmentIsStagingOrProduction(String name) {
            assertThat(problems(staging().setKey("platform:environment", name))).containsExactly(
                    "platform:environment = \"" + name + "\": must be one of production, staging, development");
        }

        @Test
        void aRequiredSectionMissingIsNamedWithAnExample() {
            assertThat(problems(staging().removeKey("platform:network"))).containsExactly(
                    "platform:network: required key is missing; set it, for example a network section; see Pulumi.staging.yaml for every setting");
        }

        @ParameterizedTest
        @ValueSource(strings = {"platform:network", "platform:security"})
        void aSectionThatIsNotAnObjectIsRejected(String key) {
            assertThat(problems(staging().setKey(key, "10.0.0.0/16"))).containsExactly(
                    key + " = \"10.0.0.0/16\": must be an object of settings (a YAML map under " + key + ")");
        }

        @Test
        void aSectionThatIsAListIsRejected() {
            assertThat(problems(staging().setKey("platform:cost", List.of(1, 2)))).containsExactly(
                    "platform:cost = \"[1,2]\": must be an object of settings (a YAML map under platform:cost)");
        }
    }

    @Nested
    class UnknownKeys {
        /**
         * Every section and every nested object (the subnets by role included) rejects a key it does not know, with the closest known key: a misspelt
         * setting must never be silently ignored (the default would apply instead of what the stack file says).
         */
        @ParameterizedTest
        @CsvSource({
                "platform:network,   flowLogRetentionDay,             platform:network.flowLogRetentionDay,              flowLogRetentionDays",
                "platform:network,   subnets/public/0/cidrs,          platform:network.subnets.public[0].cidrs,          cidr",
                "platform:network,   subnets/publik,                  platform:network.subnets.publik,                   public",
                "platform:cost,      monthlyBudget,                   platform:cost.monthlyBudget,                       monthlyBudgetUsd",
                "platform:security,  kmsDeletionWindowDay,            platform:security.kmsDeletionWindowDay,            kmsDeletionWindowDays",
                "platform:cluster,   logRetentionDay,                 platform:cluster.logRetentionDay,                  logRetentionDays",
                "platform:cluster,   nodeGroups/0/minSzie,            platform:cluster.nodeGroups[0].minSzie,            minSize",
                "platform:database,  multiAZ,                         platform:database.multiAZ,                         multiAz",
                "platform:cache,     nodeTyp,                         platform:cache.nodeTyp,                            nodeType",
                "platform:storage,   replicaRegon,                    platform:storage.replicaRegon,                     replicaRegion",
                "platform:app,       replica,                         platform:app.replica,                              replicas",
                "platform:app,       image/tga,                       platform:app.image.tga,                            tag",
                "platform:app,       resources/request,               platform:app.resources.request,                    requests",
                "platform:app,       resources/limits/memroy,         platform:app.resources.limits.memroy,              memory",
                "platform:monitoring, auditTrial,                     platform:monitoring.auditTrial,                    auditTrail",
                "platform:monitoring, alarms/cacheEviction,           platform:monitoring.alarms.cacheEviction,          cacheEvictions",
        })
        void everySectionRejectsAMisspeltKey(String section, String path, String shown, String suggestion) {
            assertThat(problems(production().set(section, path, "x"))).containsExactly(
                    shown + " = \"x\": unknown key; did you mean \"" + suggestion + "\"?");
        }
    }

    @Nested
    class ValueShapes {
        @Test
        void aNestedObjectThatIsNotAnObjectIsRejected() {
            assertThat(problems(staging().set("platform:network", "subnets", "none"))).containsExactly(
                    "platform:network.subnets = \"\"none\"\": must be an object of settings",
                    "platform:network.subnets.public: required key is missing; set it, for example - { availabilityZone: us-east-1a, cidr: 10.0.1.0/24 }",
                    "platform:network.subnets.private: required key is missing; set it, for example - { availabilityZone: us-east-1a, cidr: 10.0.1.0/24 }",
                    "platform:network.subnets.database: required key is missing; set it, for example - { availabilityZone: us-east-1a, cidr: 10.0.1.0/24 }");
        }

        @Test
        void aListSettingMustBeAList() {
            assertThat(problems(staging().set("platform:cluster", "adminRoleArns", "arn:aws:iam::111111111111:role/platform-admins"))).containsExactly(
                    "platform:cluster.adminRoleArns = \"\"arn:aws:iam::111111111111:role/platform-admins\"\": must be a list, for example [a, b]");
        }

        @Test
        void listItemsMustBePlainValues() {
            assertThat(problems(staging().set("platform:network", "interfaceEndpoints", List.of(Map.of("name", "sts"))))).containsExactly(
                    "platform:network.interfaceEndpoints[0] = \"{\"name\":\"sts\"}\": must be a plain value");
        }

        @Test
        void aMapSettingMustBeAMap() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/labels", List.of("workload=app")))).containsExactly(
                    "platform:cluster.nodeGroups[0].labels = \"[\"workload=app\"]\": must be a map of names to values");
        }

        @Test
        void aListOfObjectsMustBeAList() {
            // only the shape: "needs at least one node group" would judge the empty list that stood in for the map
            assertThat(problems(staging().set("platform:cluster", "nodeGroups", Map.of("name", "app-nodes")))).containsExactly(
                    "platform:cluster.nodeGroups = \"{\"name\":\"app-nodes\"}\": must be a list of objects");
        }

        @Test
        void aScalarSettingMustNotBeAList() {
            assertThat(problems(staging().set("platform:database", "instanceClass", List.of("db.t3.large")))).containsExactly(
                    "platform:database.instanceClass = \"[\"db.t3.large\"]\": must be a plain value, not a list or map",
                    "platform:database.instanceClass = \"\": is not an RDS instance class such as db.r5.xlarge");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "1"})
        void flagsAreTrueOrFalse(String value) {
            assertThat(problems(staging().set("platform:database", "multiAz", value))).containsExactly(
                    "platform:database.multiAz = \"" + value + "\": must be true or false");
        }

        @Test
        void flagsAcceptQuotedTrueAndFalse() {
            assertThat(staging().set("platform:database", "multiAz", "true").load().database().multiAz()).isTrue();
        }

        @Test
        void quotedWholeNumbersAreAccepted() {
            assertThat(staging().set("platform:cluster", "nodeGroups/0/maxSize", "5").load().cluster().nodeGroups().get(0).maxSize()).isEqualTo(5);
        }

        @Test
        void booleansAreNotNumbers() {
            assertThat(problems(staging().set("platform:monitoring", "prometheusRetentionDays", true))).containsExactly(
                    "platform:monitoring.prometheusRetentionDays = \"true\": must be a whole number from 1 to 365");
        }
    }

    @Nested
    class Network {
        @Test
        void zonesAreRequired() {
            assertThat(problems(staging().remove("platform:network", "availabilityZones"))).containsExactly(
                    "platform:network.availabilityZones: required key is missing; set it, for example availabilityZones: [us-east-1a, us-east-1b]",
                    "platform:network.subnets.public[0].availabilityZone = \"us-east-1a\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.public[1].availabilityZone = \"us-east-1b\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.public[2].availabilityZone = \"us-east-1c\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.private[0].availabilityZone = \"us-east-1a\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.private[1].availabilityZone = \"us-east-1b\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.private[2].availabilityZone = \"us-east-1c\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.database[0].availabilityZone = \"us-east-1a\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.database[1].availabilityZone = \"us-east-1b\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.database[2].availabilityZone = \"us-east-1c\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.loadBalancer[0].availabilityZone = \"us-east-1a\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.loadBalancer[1].availabilityZone = \"us-east-1b\": is not one of platform:network.availabilityZones []",
                    "platform:network.subnets.loadBalancer[2].availabilityZone = \"us-east-1c\": is not one of platform:network.availabilityZones []");
        }

        @Test
        void duplicateZonesAreRejected() {
            assertThat(problems(staging().set("platform:network", "availabilityZones/2", "us-east-1b"))).containsExactly(
                    "platform:network.availabilityZones[2] = \"us-east-1b\": duplicate availability zone; list each AZ once",
                    "platform:network.subnets.public[2].availabilityZone = \"us-east-1c\": is not one of platform:network.availabilityZones [us-east-1a, us-east-1b, us-east-1b]",
                    "platform:network.subnets.private[2].availabilityZone = \"us-east-1c\": is not one of platform:network.availabilityZones [us-east-1a, us-east-1b, us-east-1b]",
                    "platform:network.subnets.database[2].availabilityZone = \"us-east-1c\": is not one of platform:network.availabilityZones [us-east-1a, us-east-1b, us-east-1b]",
                    "platform:network.subnets.loadBalancer[2].availabilityZone = \"us-east-1c\": is not one of platform:network.availabilityZones [us-east-1a, us-east-1b, us-east-1b]");
        }

        @Test
        void subnetsAreRequired() {
            assertThat(problems(staging().remove("platform:network", "subnets"))).containsExactly(
                    "platform:network.subnets: required key is missing; set it, for example subnets: {public: [...], private: [...], database: [...]}");
        }

        @Test
        void eachRoleNeedsItsSubnets() {
            assertThat(problems(staging().remove("platform:network", "subnets/database"))).containsExactly(
                    "platform:network.subnets.database: required key is missing; set it, for example - { availabilityZone: us-east-1a, cidr: 10.0.1.0/24 }");
        }

        @ParameterizedTest
        @ValueSource(strings = {"s3", "com.amazonaws.us-east-1.sts", "ECR.API", "ecr api"})
        void interfaceEndpointsAreServiceSuffixesOtherThanS3(String endpoint) {
            assertThat(problems(staging().set("platform:network", "interfaceEndpoints", List.of("sts", endpoint)))).containsExactly(
                    "platform:network.interfaceEndpoints[1] = \"" + endpoint + "\": must be an AWS service suffix such as ecr.api, ecr.dkr, sts or logs "
                            + "(s3 already has a gateway endpoint)");
        }

        @Test
        void interfaceEndpointsThatAreServiceSuffixesPass() {
            assertThat(staging().set("platform:network", "interfaceEndpoints", List.of("ecr.api", "ecr.dkr", "sts", "logs")).load()
                    .network().interfaceEndpoints()).containsExactly("ecr.api", "ecr.dkr", "sts", "logs");
        }
    }

    @Nested
    class Security {
        @Test
        void productionKeepsTheLongestKmsDeletionWindow() {
            assertThat(problems(production().set("platform:security", "kmsDeletionWindowDays", 29))).containsExactly(
                    "platform:security.kmsDeletionWindowDays = \"29\": production keeps the longest deletion window, 30 days, "
                            + "so a mistaken key deletion can be cancelled");
        }

        @Test
        void stagingMayShortenTheKmsDeletionWindow() {
            assertThat(staging().set("platform:security", "kmsDeletionWindowDays", 7).load().security().kmsDeletionWindowDays()).isEqualTo(7);
            assertThat(production().set("platform:security", "kmsDeletionWindowDays", 30).load().security().kmsDeletionWindowDays()).isEqualTo(30);
        }
    }

    @Nested
    class Cluster {
        @ParameterizedTest
        @ValueSource(strings = {"platform-admins", "arn:aws:iam::1111:role/platform-admins", "arn:aws:iam::111111111111:user/alice",
                "arn:aws:sts::111111111111:assumed-role/platform-admins/alice"})
        void accessEntryRolesAreRoleArns(String arn) {
            assertThat(problems(staging().set("platform:cluster", "adminRoleArns", List.of(arn)))).containsExactly(
                    "platform:cluster.adminRoleArns[0] = \"" + arn + "\": is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)");
        }

        @Test
        void roleArnsWithAPathAndOtherPartitionsPass() {
            assertThat(staging().set("platform:cluster", "readOnlyRoleArns", List.of("arn:aws-us-gov:iam::111111111111:role/teams/readers"))
                    .load().cluster().readOnlyRoleArns()).containsExactly("arn:aws-us-gov:iam::111111111111:role/teams/readers");
        }

        @Test
        void atLeastOneNodeGroup() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups", List.of()))).containsExactly(
                    "platform:cluster.nodeGroups: needs at least one node group, for example - { name: app-nodes, instanceTypes: [m5.large], minSize: 2, desiredSize: 2, maxSize: 4 }");
        }

        @Test
        void nodeGroupNamesAreUnique() {
            assertThat(problems(production().set("platform:cluster", "nodeGroups/1/name", "app-nodes"))).containsExactly(
                    "platform:cluster.nodeGroups[1].name = \"app-nodes\": duplicate node group name");
        }

        @Test
        void endpointCidrsMustBeValid() {
            assertThat(problems(staging().set("platform:cluster", "endpointPublicAccessCidrs", List.of("203.0.113.0/33")))).containsExactly(
                    "platform:cluster.endpointPublicAccessCidrs[0] = \"203.0.113.0/33\": not a valid IPv4 CIDR block (a.b.c.d/n, each of a-d from 0 to 255, for example 10.0.3.0/24)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"m5", "M5.large", "5m.large"})
        void instanceTypesLookLikeEc2Types(String type) {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/instanceTypes", List.of(type)))).containsExactly(
                    "platform:cluster.nodeGroups[0].instanceTypes[0] = \"" + type + "\": is not an EC2 instance type such as m5.large");
        }

        @Test
        void instanceTypesAreRequired() {
            assertThat(problems(staging().remove("platform:cluster", "nodeGroups/0/instanceTypes"))).containsExactly(
                    "platform:cluster.nodeGroups[0].instanceTypes: needs at least one instance type, for example [m5.large]");
        }

        @Test
        void capacityTypeIsOnDemandOrSpot() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/capacityType", "spot"))).containsExactly(
                    "platform:cluster.nodeGroups[0].capacityType = \"spot\": must be one of ON_DEMAND, SPOT");
        }

        @Test
        void taintEffectIsOneKubernetesKnows() {
            assertThat(problems(production().set("platform:cluster", "nodeGroups/1/taints/0/effect", "NoSchedule"))).containsExactly(
                    "platform:cluster.nodeGroups[1].taints[0].effect = \"NoSchedule\": must be one of NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE");
        }

        @Test
        void taintNeedsAKey() {
            assertThat(problems(production().remove("platform:cluster", "nodeGroups/1/taints/0/key"))).containsExactly(
                    "platform:cluster.nodeGroups[1].taints[0].key: required key is missing; set it, for example key: monitoring");
        }

        @Test
        void unknownTaintKeysAreRejected() {
            assertThat(problems(production().set("platform:cluster", "nodeGroups/1/taints/0/efect", "NO_EXECUTE"))).containsExactly(
                    "platform:cluster.nodeGroups[1].taints[0].efect = \"NO_EXECUTE\": unknown key; did you mean \"effect\"?");
        }

        @Test
        void aMisspeltDesiredSizeIsOnlyTheMisspellingNotRulesJudgingItsStandIn() {
            // desiredSize read as missing would stand in as 0: below minSize, so "min <= desired <= max" would fail too
            assertThat(problems(staging().remove("platform:cluster", "nodeGroups/0/desiredSize")
                    .set("platform:cluster", "nodeGroups/0/desiredSiz", 2))).containsExactly(
                    "platform:cluster.nodeGroups[0].desiredSiz = \"2\": unknown key; did you mean \"desiredSize\"?");
        }

        @Test
        void anInvalidSizeIsReportedAloneTooButAMissingOneWithoutMisspellingStillSaysSo() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/desiredSize", "two"))).containsExactly(
                    "platform:cluster.nodeGroups[0].desiredSize = \"two\": must be a whole number from 0 to 450");
            assertThat(problems(staging().remove("platform:cluster", "nodeGroups/0/desiredSize"))).containsExactly(
                    "platform:cluster.nodeGroups[0].desiredSize: required key is missing; set it, for example desiredSize: 0");
        }

        @Test
        void sizesHaveTheirRanges() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/diskSizeGiB", 10))).containsExactly(
                    "platform:cluster.nodeGroups[0].diskSizeGiB = \"10\": must be from 20 to 16384");
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/maxUnavailablePercentage", 0))).containsExactly(
                    "platform:cluster.nodeGroups[0].maxUnavailablePercentage = \"0\": must be from 1 to 100");
        }

        @Test
        void controlPlaneLogRetentionIsACloudWatchPeriod() {
            assertThat(problems(staging().set("platform:cluster", "logRetentionDays", 100))).containsExactly(
                    "platform:cluster.logRetentionDays = \"100\": must be one of the CloudWatch Logs retention periods (days): "
                            + "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
        }
    }

    @Nested
    class Database {
        /** The ends of the supported range are supported (an off-by-one would refuse 14 or 18). */
        @ParameterizedTest
        @ValueSource(strings = {"14", "18"})
        void bothEndsOfTheSupportedMajorsAreAccepted(String major) {
            assertThat(staging().set("platform:database", "engineVersion", major).load().database().engineVersion()).isEqualTo(major);
        }

        @ParameterizedTest
        @ValueSource(strings = {"13", "19"})
        void majorsJustOutsideTheRangeAreRefused(String major) {
            assertThat(problems(staging().set("platform:database", "engineVersion", major))).containsExactly(
                    "platform:database.engineVersion = \"" + major + "\": must be a supported PostgreSQL major (14 to 18) such as \"17\", "
                            + "or major.minor such as \"17.9\" with autoMinorVersionUpgrade: false");
        }

        @Test
        void instanceClassLooksLikeAnRdsClass() {
            assertThat(problems(staging().set("platform:database", "instanceClass", "t3.large"))).containsExactly(
                    "platform:database.instanceClass = \"t3.large\": is not an RDS instance class such as db.r5.xlarge");
        }

        @Test
        void instanceClassIsRequired() {
            assertThat(problems(staging().remove("platform:database", "instanceClass"))).containsExactly(
                    "platform:database.instanceClass: required key is missing; set it, for example instanceClass: db.t3.large");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Features", "1features", "feature-api", ""})
        void databaseNameIsAnIdentifier(String name) {
            assertThat(problems(staging().set("platform:database", "databaseName", name))).containsExactly(
                    "platform:database.databaseName = \"" + name + "\": must be 1-63 lower-case letters, digits or underscores, starting with a letter");
        }

        @Test
        void masterUsernameIsAnIdentifier() {
            assertThat(problems(staging().set("platform:database", "masterUsername", "admin-user"))).containsExactly(
                    "platform:database.masterUsername = \"admin-user\": must be 1-63 lower-case letters, digits or underscores, starting with a letter");
        }

        @ParameterizedTest
        @ValueSource(strings = {"3:00-4:00", "03:00", "24:00-01:00", "03:00-04:60"})
        void backupWindowIsADailyWindow(String window) {
            assertThat(problems(staging().set("platform:database", "backupWindow", window))).containsExactly(
                    "platform:database.backupWindow = \"" + window + "\": must be a daily UTC window hh:mm-hh:mm, for example 03:00-04:00");
        }

        @ParameterizedTest
        @ValueSource(strings = {"sunday:05:00-sunday:06:00", "sun:05:00-06:00", "sun:5:00-sun:06:00"})
        void maintenanceWindowIsAWeeklyWindow(String window) {
            assertThat(problems(staging().set("platform:database", "maintenanceWindow", window))).containsExactly(
                    "platform:database.maintenanceWindow = \"" + window + "\": must be a weekly UTC window ddd:hh:mm-ddd:hh:mm, for example sun:05:00-sun:06:00");
        }

        @ParameterizedTest
        @CsvSource({"backupWindow, 03:00-03:29", "backupWindow, 23:50-00:10", "maintenanceWindow, sun:05:00-sun:05:29",
                "maintenanceWindow, sun:23:50-mon:00:10"})
        void windowsLastAtLeastThirtyMinutes(String key, String window) {
            assertThat(problems(staging().set("platform:database", key, window))).containsExactly(
                    "platform:database." + key + " = \"" + window + "\": must last at least 30 minutes");
        }

        @Test
        void windowsOfExactlyThirtyMinutesAcrossMidnightAndTheWeekEndPass() {
            DatabaseConfig acrossMidnight = staging().set("platform:database", "backupWindow", "23:45-00:15")
                    .set("platform:database", "maintenanceWindow", "sun:23:00-sun:23:30").load().database();
            assertThat(List.of(acrossMidnight.backupWindow(), acrossMidnight.maintenanceWindow())).containsExactly("23:45-00:15", "sun:23:00-sun:23:30");
            DatabaseConfig acrossTheWeekEnd = staging().set("platform:database", "backupWindow", "03:00-04:00")
                    .set("platform:database", "maintenanceWindow", "sun:23:40-mon:00:10").load().database();
            assertThat(acrossTheWeekEnd.maintenanceWindow()).isEqualTo("sun:23:40-mon:00:10");
        }

        @Test
        void aMaintenanceWindowAcrossTheWeekEndOverlapsAMidnightBackup() {
            assertThat(problems(staging().set("platform:database", "backupWindow", "00:00-01:00")
                    .set("platform:database", "maintenanceWindow", "sun:23:30-mon:00:30"))).containsExactly(
                    "platform:database.maintenanceWindow = \"sun:23:30-mon:00:30\": overlaps the backup window platform:database.backupWindow = 00:00-01:00; move one of them");
        }

        @Test
        void aBackupWindowAcrossMidnightOverlapsAMondayMaintenance() {
            assertThat(problems(staging().set("platform:database", "backupWindow", "23:30-00:30")
                    .set("platform:database", "maintenanceWindow", "mon:00:00-mon:01:00"))).containsExactly(
                    "platform:database.maintenanceWindow = \"mon:00:00-mon:01:00\": overlaps the backup window platform:database.backupWindow = 23:30-00:30; move one of them");
        }

        @Test
        void adjacentWindowsDoNotOverlap() {
            DatabaseConfig database = staging().set("platform:database", "backupWindow", "04:00-05:00")
                    .set("platform:database", "maintenanceWindow", "sun:05:00-sun:06:00").load().database();
            assertThat(database.backupWindow()).isEqualTo("04:00-05:00");
        }
    }

    @Nested
    class Cache {
        @Test
        void productionRunsWithTwoNodesTheFewestForFailover() {
            assertThat(production().set("platform:cache", "numCacheClusters", 2).load().cache().numCacheClusters()).isEqualTo(2);
        }

        @Test
        void nodeTypeLooksLikeACacheType() {
            assertThat(problems(staging().set("platform:cache", "nodeType", "t3.medium"))).containsExactly(
                    "platform:cache.nodeType = \"t3.medium\": is not an ElastiCache node type such as cache.r5.large");
        }

        @Test
        void nodeTypeIsRequired() {
            assertThat(problems(staging().remove("platform:cache", "nodeType"))).containsExactly(
                    "platform:cache.nodeType: required key is missing; set it, for example nodeType: cache.t3.medium");
        }

        @Test
        void snapshotWindowFormatIsChecked() {
            assertThat(problems(staging().set("platform:cache", "snapshotWindow", "6-7"))).containsExactly(
                    "platform:cache.snapshotWindow = \"6-7\": must be a daily UTC window hh:mm-hh:mm, for example 03:00-04:00");
        }
    }

    @Nested
    class App {
        /** Requests equal to limits (Guaranteed QoS) are allowed; only a request above its limit is refused. */
        @Test
        void requestsMayEqualLimits() {
            assertThat(production().set("platform:app", "resources/requests/cpu", "2")
                    .set("platform:app", "resources/requests/memory", "1Gi").load().app().resources().cpuRequest()).isEqualTo("2");
        }

        @Test
        void theImageTagIsPinned() {
            assertThat(problems(staging().set("platform:app", "image/tag", "latest"))).containsExactly(
                    "platform:app.image.tag = \"latest\": pin a version; \"latest\" makes a deployment unreproducible");
        }

        @Test
        void theImageIsRequired() {
            assertThat(problems(staging().remove("platform:app", "image"))).containsExactly(
                    "platform:app.image: required key is missing; set it, for example image: { repository: ghcr.io/acme/feature-api, tag: \"1.0.0\" }");
        }

        @Test
        void theImageNeedsRepositoryAndTag() {
            assertThat(problems(staging().remove("platform:app", "image/repository").remove("platform:app", "image/tag"))).containsExactly(
                    "platform:app.image.repository: required key is missing; set it, for example repository: ghcr.io/acme/feature-api",
                    "platform:app.image.tag: required key is missing; set it, for example tag: \"1.0.0\"");
        }

        @ParameterizedTest
        @CsvSource({"namespace, Feature_API", "serviceAccount, -feature"})
        void namesAreKubernetesNames(String key, String value) {
            assertThat(problems(staging().set("platform:app", key, value))).containsExactly(
                    "platform:app." + key + " = \"" + value + "\": must be a Kubernetes name (lower-case letters, digits, dashes)");
        }

        @Test
        void replicaBoundsAreOrdered() {
            assertThat(problems(staging().set("platform:app", "minReplicas", 7))).containsExactly(
                    "platform:app = \"minReplicas=7, maxReplicas=6\": must satisfy minReplicas <= maxReplicas");
        }

        @Test
        void replicasHaveARange() {
            assertThat(problems(staging().set("platform:app", "replicas", 0))).containsExactly(
                    "platform:app.replicas = \"0\": must be from 1 to 100");
            assertThat(problems(staging().set("platform:app", "maxReplicas", 101))).containsExactly(
                    "platform:app.maxReplicas = \"101\": must be from 1 to 100");
        }

        @Test
        void equalReplicaBoundsPass() {
            AppConfig app = staging().set("platform:app", "minReplicas", 6).load().app();
            assertThat(List.of(app.minReplicas(), app.maxReplicas())).containsExactly(6, 6);
        }
    }

    @Nested
    class TagsMonitoringAndCost {
        @Test
        void ownerAndCostCenterAreRequired() {
            assertThat(problems(staging().setKey("platform:tags", Map.of()))).containsExactly(
                    "platform:tags.owner: required key is missing; set it, for example owner: platform-team",
                    "platform:tags.costCenter: required key is missing; set it, for example costCenter: feature-api");
        }

        @Test
        void prometheusSettingsHaveRanges() {
            assertThat(problems(staging().set("platform:monitoring", "prometheusStorageGiB", 5))).containsExactly(
                    "platform:monitoring.prometheusStorageGiB = \"5\": must be from 10 to 16384");
        }

        @Test
        void theBudgetIsPositive() {
            assertThat(problems(staging().set("platform:cost", "monthlyBudgetUsd", 0))).containsExactly(
                    "platform:cost.monthlyBudgetUsd = \"0\": must be from 1 to 1000000");
        }
    }
}
