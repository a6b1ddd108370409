package com.featureapi.platform.config;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformConfigLoaderTest {

    private static List<String> problems(StackConfigFixture fixture) {
        return fixture.problems();
    }

    private static StackConfigFixture staging() {
        return StackConfigFixture.of("staging");
    }

    @Nested
    class TheProjectStackFiles {
        @ParameterizedTest
        @ValueSource(strings = {"staging", "production"})
        void loadWithoutProblems(String stack) {
            PlatformConfig config = StackConfigFixture.of(stack).load();
            assertThat(config.region()).isEqualTo("us-east-1");
            // Staging's fixture adds the three subnets of its internal ALB (platform:network.subnets.loadBalancer).
            assertThat(config.network().subnets()).hasSize(stack.equals("staging") ? 12 : 9);
            assertThat(config.network().subnets(SubnetRole.DATABASE)).extracting(SubnetConfig::cidr)
                    .containsExactly("10.0.100.0/24", "10.0.200.0/24", "10.0.201.0/24");
        }

        @Test
        void carrySeedSizesPerEnvironment() {
            PlatformConfig staging = StackConfigFixture.of("staging").load();
            PlatformConfig production = StackConfigFixture.of("production").load();
            assertThat(staging.network().natGateways()).isEqualTo(NatMode.SINGLE);
            assertThat(production.network().natGateways()).isEqualTo(NatMode.PER_AZ);
            assertThat(staging.cluster().nodeGroups()).extracting(NodeGroupConfig::name, g -> g.instanceTypes().get(0), NodeGroupConfig::minSize, NodeGroupConfig::maxSize)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("app-nodes", "m5.large", 3, 4));
            assertThat(production.cluster().nodeGroups()).extracting(NodeGroupConfig::name)
                    .containsExactly("app-nodes", "monitoring-nodes");
            assertThat(production.cluster().nodeGroups().get(1).taints())
                    .containsExactly(new TaintConfig("monitoring", "true", "NO_SCHEDULE"));
            assertThat(staging.database().instanceClass()).isEqualTo("db.t3.large");
            assertThat(production.database().instanceClass()).isEqualTo("db.r5.xlarge");
            assertThat(production.database().multiAz()).isTrue();
            assertThat(production.database().backupRetentionDays()).isEqualTo(30);
            assertThat(staging.database().backupRetentionDays()).isEqualTo(7);
            assertThat(production.cache().numCacheClusters()).isEqualTo(3);
            assertThat(staging.cache().nodeType()).isEqualTo("cache.t3.medium");
            assertThat(production.defaultTags()).containsEntry("Environment", "production")
                    .containsEntry("ManagedBy", "pulumi").containsEntry("Owner", "platform-team").containsEntry("CostCenter", "feature-api");
        }
    }

    @Nested
    class Cidrs {
        @Test
        void theSeedsInvalidDatabaseSubnetIsRejectedInAMessageNamingStackKeyValueAndRule() {
            assertThatThrownBy(() -> staging().set("platform:network", "subnets/database/2/cidr", "10.0.300.0/24").load())
                    .hasMessage("invalid configuration for stack \"staging\" (1 problem):\n"
                            + "  - platform:network.subnets.database[2].cidr = \"10.0.300.0/24\": not a valid IPv4 CIDR block (a.b.c.d/n, each of a-d from 0 to 255, for example 10.0.3.0/24)\n"
                            + "Fix these in Pulumi.staging.yaml (or with `pulumi config set`); nothing was created or changed.");
        }

        @Test
        void hostBitsAreRejectedWithTheNetworkSuggested() {
            assertThat(problems(staging().set("platform:network", "vpcCidr", "10.0.0.1/16"))).contains(
                    "platform:network.vpcCidr = \"10.0.0.1/16\": host bits are set; did you mean 10.0.0.0/16?");
        }

        @Test
        void vpcPrefixOutsideAwsLimitsIsRejected() {
            assertThat(problems(staging().set("platform:network", "vpcCidr", "10.0.0.0/8"))).containsExactly(
                    "platform:network.vpcCidr = \"10.0.0.0/8\": prefix length must be from /16 to /28 (AWS limit)");
        }

        @Test
        void aSubnetPrefixIsAcceptedUpToSlash28AndRejectedBeyond() {
            assertThat(staging().set("platform:network", "subnets/public/0/cidr", "10.0.1.0/28").load().network().subnets())
                    .anySatisfy(subnet -> assertThat(subnet.cidr()).isEqualTo("10.0.1.0/28"));
            assertThat(problems(staging().set("platform:network", "subnets/public/0/cidr", "10.0.1.0/29"))).containsExactly(
                    "platform:network.subnets.public[0].cidr = \"10.0.1.0/29\": prefix length must be from /16 to /28 (AWS limit)");
        }

        @Test
        void subnetOutsideTheVpcIsRejected() {
            assertThat(problems(staging().set("platform:network", "subnets/public/0/cidr", "10.1.1.0/24"))).containsExactly(
                    "platform:network.subnets.public[0].cidr = \"10.1.1.0/24\": is outside the VPC CIDR 10.0.0.0/16");
        }

        @Test
        void overlappingSubnetsAreRejectedNamingBoth() {
            assertThat(problems(staging().set("platform:network", "subnets/database/0/cidr", "10.0.10.0/23"))).containsExactly(
                    "platform:network.subnets.database[0].cidr = \"10.0.10.0/23\": overlaps platform:network.subnets.private[0].cidr (10.0.10.0/24)");
        }
    }

    @Nested
    class AvailabilityZones {
        @Test
        void eachRoleNeedsExactlyOneSubnetPerZone() {
            assertThat(problems(staging().set("platform:network", "subnets/private/2/availabilityZone", "us-east-1a"))).containsExactly(
                    "platform:network.subnets.private[2].availabilityZone = \"us-east-1a\": a second private subnet in this AZ; each AZ has exactly one subnet per role",
                    "platform:network.subnets.private: has no subnet in us-east-1c; each AZ needs exactly one private subnet");
        }

        @Test
        void subnetZoneMustBeListed() {
            assertThat(problems(staging().set("platform:network", "subnets/public/2/availabilityZone", "us-east-1d"))).containsExactly(
                    "platform:network.subnets.public[2].availabilityZone = \"us-east-1d\": is not one of platform:network.availabilityZones [us-east-1a, us-east-1b, us-east-1c]",
                    "platform:network.subnets.public: has no subnet in us-east-1c; each AZ needs exactly one public subnet");
        }

        @Test
        void zonesMustBelongToTheRegion() {
            assertThat(problems(staging().setKey("aws:region", "eu-west-1"))).contains(
                    "platform:network.availabilityZones[0] = \"us-east-1a\": is not an availability zone of aws:region eu-west-1 (expected eu-west-1a, eu-west-1b, ...)");
        }

        @Test
        void duplicateZonesAreRejected() {
            assertThat(problems(staging().set("platform:network", "availabilityZones/2", "us-east-1b"))).contains(
                    "platform:network.availabilityZones[2] = \"us-east-1b\": duplicate availability zone; list each AZ once");
        }
    }

    @Nested
    class Choices {
        @Test
        void natModeIsSingleOrPerAz() {
            assertThat(problems(staging().set("platform:network", "natGateways", "two"))).containsExactly(
                    "platform:network.natGateways = \"two\": must be one of single, perAz");
        }

        @Test
        void flowLogRetentionMustBeACloudWatchPeriod() {
            assertThat(problems(staging().set("platform:network", "flowLogRetentionDays", 31))).containsExactly(
                    "platform:network.flowLogRetentionDays = \"31\": must be one of the CloudWatch Logs retention periods (days): "
                            + "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
        }

        @Test
        void eksVersionMustHaveTheFormOneDotNN() {
            assertThat(problems(staging().set("platform:cluster", "kubernetesVersion", "1.3"))).containsExactly(
                    "platform:cluster.kubernetesVersion = \"1.3\": must have the form 1.NN, for example \"1.35\" (quote it in YAML)");
        }

        @Test
        void eksVersionNeedsPinnedAddons() {
            assertThat(problems(staging().set("platform:cluster", "kubernetesVersion", "1.34"))).containsExactly(
                    "platform:cluster.kubernetesVersion = \"1.34\": is an EKS version, but no add-on versions are pinned for it; use 1.35 or pin its add-ons in EksAddonVersions");
        }

        @Test
        void publicEndpointNeverOpensToTheWholeInternet() {
            assertThat(problems(staging().set("platform:cluster", "endpointPublicAccessCidrs", List.of("0.0.0.0/0")))).containsExactly(
                    "platform:cluster.endpointPublicAccessCidrs[0] = \"0.0.0.0/0\": would open the Kubernetes API to the whole internet; list your office or VPN ranges");
        }

        @Test
        void privateEndpointClientsAreValidRangesNeverEverywhereAndListedOnce() {
            assertThat(problems(staging().set("platform:cluster", "endpointPrivateAccessCidrs",
                    List.of("0.0.0.0/0", "10.200.0.0/22", "10.200.0.0/22", "10.300.0.0/24")))).containsExactly(
                    "platform:cluster.endpointPrivateAccessCidrs[0] = \"0.0.0.0/0\": would open the private Kubernetes API endpoint to every network routed into the VPC; list the VPN's client range and the deploy runners' subnet",
                    "platform:cluster.endpointPrivateAccessCidrs[2] = \"10.200.0.0/22\": is listed twice; list each range once",
                    "platform:cluster.endpointPrivateAccessCidrs[3] = \"10.300.0.0/24\": not a valid IPv4 CIDR block (a.b.c.d/n, each of a-d from 0 to 255, for example 10.0.3.0/24)");
        }

        @Test
        void eksVersionMustBeOneEksOffers() {
            assertThat(problems(staging().set("platform:cluster", "kubernetesVersion", "1.28"))).containsExactly(
                    "platform:cluster.kubernetesVersion = \"1.28\": is not a version EKS offers; use one of [1.32, 1.33, 1.34, 1.35]");
        }
    }

    @Nested
    class NodeGroups {
        @Test
        void sizesMustBeOrdered() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/desiredSize", 5))).containsExactly(
                    "platform:cluster.nodeGroups[0] = \"minSize=3, desiredSize=5, maxSize=4\": must satisfy minSize <= desiredSize <= maxSize");
        }

        @Test
        void instanceTypesMustNotBeEmpty() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/instanceTypes", List.of()))).containsExactly(
                    "platform:cluster.nodeGroups[0].instanceTypes = \"[]\": needs at least one instance type, for example [m5.large]");
        }

        @Test
        void oneGroupRunsOneArchitecture() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/instanceTypes", List.of("m5.large", "m7g.large")))).containsExactly(
                    "platform:cluster.nodeGroups[0].instanceTypes = \"m5.large, m7g.large\": mixes ARM64 (Graviton) and x86_64 types; one node group runs one AMI architecture, so split it in two");
        }

        @Test
        void nameLeavesRoomForTheUniqueSuffixEksAdds() {
            String thirtySeven = "a".repeat(37);
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/name", thirtySeven))).containsExactly(
                    "platform:cluster.nodeGroups[0].name = \"" + thirtySeven + "\": must be 1-36 lower-case letters, digits or dashes, starting with a letter "
                            + "(EKS appends a 27-character unique suffix within its 63-character limit)");
            assertThat(staging().set("platform:cluster", "nodeGroups/0/name", "a".repeat(36)).load().cluster().nodeGroups().get(0).name())
                    .hasSize(36);
        }

        @Test
        void aRoleHasOneAccessEntry() {
            String admin = "arn:aws:iam::111111111111:role/platform-admins";
            assertThat(problems(staging().set("platform:cluster", "readOnlyRoleArns", List.of(admin)))).containsExactly(
                    "platform:cluster.readOnlyRoleArns[0] = \"" + admin + "\": is already listed as platform:cluster.adminRoleArns[0]; "
                            + "a role has exactly one access entry, so list it once");
        }

        @Test
        void accessEntryRoleNamesAreUnique() {
            String other = "arn:aws:iam::111111111111:role/team-b/platform-admins";
            assertThat(problems(staging().set("platform:cluster", "adminRoleArns",
                    List.of("arn:aws:iam::111111111111:role/platform-admins", other)))).containsExactly(
                    "platform:cluster.adminRoleArns[1] = \"" + other + "\": has the same role name as platform:cluster.adminRoleArns[0] "
                            + "(arn:aws:iam::111111111111:role/platform-admins); access entries are named after the role, so role names must be unique");
        }

        @Test
        void orderedSizesPass() {
            assertThat(staging().set("platform:cluster", "nodeGroups/0/desiredSize", 4).load().cluster().nodeGroups().get(0).desiredSize())
                    .isEqualTo(4);
        }
    }

    @Nested
    class DayCounts {
        @Test
        void backupRetentionMustBeInsideTheRdsRange() {
            assertThat(problems(staging().set("platform:database", "backupRetentionDays", 40))).containsExactly(
                    "platform:database.backupRetentionDays = \"40\": must be from 1 to 35");
        }

        @Test
        void productionKeepsThirtyDaysOfDatabaseBackups() {
            assertThat(problems(StackConfigFixture.of("production").set("platform:database", "backupRetentionDays", 7))).containsExactly(
                    "platform:database.backupRetentionDays = \"7\": production keeps backups at least 30 days (seed 002 compliance)");
        }

        @Test
        void productionsBackupRetentionBoundaryIsThirtyDays() {
            assertThat(problems(StackConfigFixture.of("production").set("platform:database", "backupRetentionDays", 29))).containsExactly(
                    "platform:database.backupRetentionDays = \"29\": production keeps backups at least 30 days (seed 002 compliance)");
            assertThat(StackConfigFixture.of("production").set("platform:database", "backupRetentionDays", 30).load().database().backupRetentionDays())
                    .isEqualTo(30);
        }

        @Test
        void kmsDeletionWindowMustBeSevenToThirty() {
            assertThat(problems(staging().setKey("platform:security", Map.of("kmsDeletionWindowDays", 3)))).containsExactly(
                    "platform:security.kmsDeletionWindowDays = \"3\": must be from 7 to 30");
        }

        @Test
        void backupAndMaintenanceWindowsMustNotOverlap() {
            assertThat(problems(staging().set("platform:database", "backupWindow", "04:30-05:30")
                    .set("platform:database", "maintenanceWindow", "sun:05:00-sun:06:00"))).containsExactly(
                    "platform:database.maintenanceWindow = \"sun:05:00-sun:06:00\": overlaps the backup window platform:database.backupWindow = 04:30-05:30; move one of them");
        }

        @Test
        void numbersMustBeNumbers() {
            assertThat(problems(staging().set("platform:cluster", "nodeGroups/0/maxSize", "many"))).contains(
                    "platform:cluster.nodeGroups[0].maxSize = \"many\": must be a whole number from 1 to 450");
        }
    }

    @Nested
    class RequiredAndUnknownKeys {
        @Test
        void missingRequiredKeysAreNamedWithAnExample() {
            assertThat(problems(staging().remove("platform:network", "vpcCidr"))).containsExactly(
                    "platform:network.vpcCidr: required key is missing; set it, for example vpcCidr: 10.0.0.0/16");
        }

        @Test
        void missingRegionIsReported() {
            assertThat(problems(staging().removeKey("aws:region"))).contains(
                    "aws:region: required key is missing; set it, for example aws:region: us-east-1");
        }

        @Test
        void unknownNestedKeyGetsADidYouMean() {
            assertThat(problems(staging().set("platform:network", "natGateway", "single"))).containsExactly(
                    "platform:network.natGateway = \"single\": unknown key; did you mean \"natGateways\"?");
        }

        @Test
        void unknownSectionGetsADidYouMean() {
            assertThat(problems(staging().setKey("platform:netwrok", Map.of("vpcCidr", "10.0.0.0/16")))).containsExactly(
                    "platform:netwrok: unknown key; did you mean \"network\"?");
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            assertThat(problems(staging()
                    .set("platform:network", "subnets/database/2/cidr", "10.0.300.0/24")
                    .set("platform:network", "natGateways", "two")
                    .set("platform:cluster", "nodeGroups/0/minSize", 9)
                    .setKey("platform:accountId", "12345"))).containsExactly(
                    "platform:accountId = \"12345\": must be the 12-digit AWS account id, quoted in YAML",
                    "platform:network.natGateways = \"two\": must be one of single, perAz",
                    "platform:network.subnets.database[2].cidr = \"10.0.300.0/24\": not a valid IPv4 CIDR block (a.b.c.d/n, each of a-d from 0 to 255, for example 10.0.3.0/24)",
                    "platform:cluster.nodeGroups[0] = \"minSize=9, desiredSize=3, maxSize=4\": must satisfy minSize <= desiredSize <= maxSize");
        }

        @Test
        void accountIdMustBeTwelveDigits() {
            assertThat(problems(staging().setKey("platform:accountId", "12345"))).containsExactly(
                    "platform:accountId = \"12345\": must be the 12-digit AWS account id, quoted in YAML");
        }
    }

    /** The rules of {@code platform:database}, {@code cache} and {@code storage}, which the data tier relies on. */
    @Nested
    class DataSettings {
        private StackConfigFixture production() {
            return StackConfigFixture.of("production");
        }

        @ParameterizedTest
        @ValueSource(strings = {"13.4", "13", "19", "17.x", "postgres17"})
        void postgresMajorMustBeSupported(String version) {
            assertThat(problems(staging().set("platform:database", "engineVersion", version))).containsExactly(
                    "platform:database.engineVersion = \"" + version + "\": must be a supported PostgreSQL major (14 to 18) such as \"17\", "
                            + "or major.minor such as \"17.9\" with autoMinorVersionUpgrade: false");
        }

        @Test
        void keysTheProgramReadsCannotBeSecret() {
            String rule = ": is stored as a secret, but the program cannot keep it secret: its values become resource names and settings "
                    + "that AWS and the Pulumi state keep in plain text; store it without --secret";
            assertThat(problems(staging().secret("platform:database").secret("platform:tags").secret("aws:region"))).containsExactly(
                    "aws:region" + rule, "platform:database" + rule, "platform:tags" + rule);
            // A key the program never reads (a provider credential, say) may be secret.
            assertThat(staging().secret("aws:accessKey").load().region()).isEqualTo("us-east-1");
        }

        @Test
        void aFullMinorIsRefusedWhileMinorUpgradesAreAutomatic() {
            assertThat(problems(staging().set("platform:database", "engineVersion", "17.9"))).containsExactly(
                    "platform:database.engineVersion = \"17.9\": a full minor version cannot be pinned while autoMinorVersionUpgrade is true "
                            + "(RDS upgrades the minor and the next `pulumi up` would try to downgrade it); use the major \"17\", or set autoMinorVersionUpgrade: false");
        }

        @Test
        void aFullMinorIsKeptWithMinorUpgradesOff() {
            DatabaseConfig database = staging().set("platform:database", "engineVersion", "17.9")
                    .set("platform:database", "autoMinorVersionUpgrade", false).load().database();
            assertThat(database.engineVersion()).isEqualTo("17.9");
            assertThat(database.autoMinorVersionUpgrade()).isFalse();
            assertThat(database.parameterGroupFamily()).isEqualTo("postgres17");
        }

        @Test
        void theStackFilesPinTheMajorWithAutomaticMinorsAndNoMajorUpgrade() {
            for (String stack : List.of("staging", "production")) {
                DatabaseConfig database = StackConfigFixture.of(stack).load().database();
                assertThat(List.of(database.engineVersion(), database.autoMinorVersionUpgrade(), database.allowMajorVersionUpgrade(),
                        database.parameterGroupFamily())).as(stack).containsExactly("17", true, false, "postgres17");
            }
        }

        @Test
        void applyImmediatelyDefaultsToTrueOutsideProductionOnly() {
            assertThat(staging().remove("platform:database", "applyImmediately").load().database().applyImmediately()).isTrue();
            assertThat(production().remove("platform:database", "applyImmediately").load().database().applyImmediately()).isFalse();
            assertThat(staging().load().cache().applyImmediately()).isTrue();
            assertThat(production().load().cache().applyImmediately()).isFalse();
            assertThat(production().set("platform:cache", "applyImmediately", true).load().cache().applyImmediately()).isTrue();
        }

        @Test
        void storageCeilingMustBeTenPercentAboveTheInitialSize() {
            assertThat(problems(staging().set("platform:database", "maxAllocatedStorageGiB", 54))).containsExactly(
                    "platform:database.maxAllocatedStorageGiB = \"54\": must be at least 10% above allocatedStorageGiB (50), that is at least 55; "
                            + "RDS refuses a smaller storage-autoscaling ceiling");
            assertThat(problems(production().set("platform:database", "maxAllocatedStorageGiB", 100))).containsExactly(
                    "platform:database.maxAllocatedStorageGiB = \"100\": must be at least 10% above allocatedStorageGiB (100), that is at least 110; "
                            + "RDS refuses a smaller storage-autoscaling ceiling");
            assertThat(staging().set("platform:database", "maxAllocatedStorageGiB", 55).load().database().maxAllocatedStorageGiB()).isEqualTo(55);
            // RDS's own example: 1000 GiB allocated needs a ceiling of at least 1100 GiB.
            assertThat(DatabaseConfig.minimumMaxAllocatedStorageGiB(1000)).isEqualTo(1100);
            assertThat(DatabaseConfig.minimumMaxAllocatedStorageGiB(21)).isEqualTo(24);
        }

        @Test
        void theDefaultStorageCeilingIsTwiceTheInitialSizeAndAtLeast200() {
            assertThat(staging().remove("platform:database", "maxAllocatedStorageGiB").load().database().maxAllocatedStorageGiB()).isEqualTo(200);
            assertThat(staging().remove("platform:database", "maxAllocatedStorageGiB").set("platform:database", "allocatedStorageGiB", 500)
                    .load().database().maxAllocatedStorageGiB()).isEqualTo(1000);
        }

        @Test
        void redisMustBeAVersionElastiCacheOffers() {
            assertThat(problems(staging().set("platform:cache", "engineVersion", "6.2"))).containsExactly(
                    "platform:cache.engineVersion = \"6.2\": must be a Redis OSS version ElastiCache offers: 7.0 or 7.1 (quote it in YAML)");
        }

        @Test
        void productionCacheNeedsAReplicaForFailover() {
            assertThat(problems(production().set("platform:cache", "numCacheClusters", 1))).containsExactly(
                    "platform:cache.numCacheClusters = \"1\": production needs at least 2 nodes for automatic failover (seed 002)");
        }

        @Test
        void productionKeepsCacheSnapshotsAWeek() {
            assertThat(problems(production().set("platform:cache", "snapshotRetentionDays", 3))).containsExactly(
                    "platform:cache.snapshotRetentionDays = \"3\": production keeps cache snapshots at least 7 days");
        }

        @Test
        void cacheSnapshotAndMaintenanceWindowsMustNotOverlap() {
            assertThat(problems(staging().set("platform:cache", "snapshotWindow", "08:30-09:30"))).containsExactly(
                    "platform:cache.maintenanceWindow = \"sun:08:00-sun:09:00\": overlaps the backup window platform:cache.snapshotWindow = 08:30-09:30; move one of them");
        }

        @Test
        void slowLogRetentionMustBeACloudWatchPeriod() {
            assertThat(problems(staging().set("platform:cache", "slowLogRetentionDays", 10))).containsExactly(
                    "platform:cache.slowLogRetentionDays = \"10\": must be one of the CloudWatch Logs retention periods (days): "
                            + "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
        }

        @Test
        void productionKeepsThirtyDaysOfBucketBackups() {
            assertThat(problems(production().set("platform:storage", "backupRetentionDays", 14))).containsExactly(
                    "platform:storage.backupRetentionDays = \"14\": production keeps backups at least 30 days (seed 002 compliance)");
        }

        @Test
        void coldStorageTransitionComesAfterThirtyDays() {
            assertThat(problems(staging().set("platform:storage", "transitionToColdStorageDays", 10))).containsExactly(
                    "platform:storage.transitionToColdStorageDays = \"10\": must be from 30 to 3650");
        }

        @Test
        void productionNeedsAReplicaRegion() {
            assertThat(problems(production().remove("platform:storage", "replicaRegion"))).containsExactly(
                    "platform:storage.replicaRegion: production copies its backups to a second region (seed 002: us-west-2); set replicaRegion: us-west-2");
        }

        @Test
        void replicaRegionMustDifferFromTheStacksRegion() {
            assertThat(problems(production().set("platform:storage", "replicaRegion", "us-east-1"))).containsExactly(
                    "platform:storage.replicaRegion = \"us-east-1\": must differ from aws:region; a replica in the same region does not survive a regional outage");
        }

        @Test
        void replicaRegionMustBeARegionName() {
            assertThat(problems(production().set("platform:storage", "replicaRegion", "oregon"))).containsExactly(
                    "platform:storage.replicaRegion = \"oregon\": is not an AWS region name such as us-west-2");
        }

        @Test
        void stagingNeedsNoReplicaRegion() {
            assertThat(staging().load().storage().replicaRegion()).isEmpty();
            assertThat(production().load().storage().replicaRegion()).contains("us-west-2");
        }
    }
}
