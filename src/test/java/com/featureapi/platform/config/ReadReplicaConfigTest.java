package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code platform:database.readReplica}: off unless the stack turns it on, and every bad value refused with its key and the fix. */
class ReadReplicaConfigTest {

    @Test
    void offUnlessTheStackTurnsItOnAndTheClassDefaultsToThePrimarys() {
        ReadReplicaConfig absent = StackConfigFixture.of("production").remove("platform:database", "readReplica").load().database().readReplica();
        assertThat(absent).isEqualTo(new ReadReplicaConfig(false, "db.r5.xlarge", false));
        assertThat(StackConfigFixture.of("staging").load().database().readReplica()).isEqualTo(new ReadReplicaConfig(false, "db.t3.large", false));
        assertThat(StackConfigFixture.of("staging").set("platform:database", "readReplica", Map.of("enabled", true)).load().database().readReplica())
                .isEqualTo(new ReadReplicaConfig(true, "db.t3.large", false));
        assertThat(StackConfigFixture.of("production").set("platform:database", "readReplica/enabled", true).load().database().readReplica())
                .isEqualTo(new ReadReplicaConfig(true, "db.r5.large", false));
    }

    @Test
    void aClassThatIsNotOfferedAndPricedIsRefusedWithTheClosestOne() {
        assertThatThrownBy(() -> StackConfigFixture.of("production").set("platform:database", "readReplica",
                Map.of("enabled", true, "instanceClass", "db.r5.larg")).load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:database.readReplica.instanceClass = \"db.r5.larg\": is not an RDS for PostgreSQL instance class "
                        + "offered and priced in us-east-1; did you mean \"db.r5.large\"?");
    }

    @Test
    void aClassOfTheWrongFormIsRefusedOnceWithItsForm() {
        assertThatThrownBy(() -> StackConfigFixture.of("production").set("platform:database", "readReplica",
                Map.of("enabled", true, "instanceClass", "r5.large")).load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:database.readReplica.instanceClass = \"r5.large\": is not an RDS instance class such as db.r5.large")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("offered and priced"));
    }

    @Test
    void aMisspeltKeyIsRefusedWithTheKeyItMeant() {
        assertThatThrownBy(() -> StackConfigFixture.of("production").set("platform:database", "readReplica",
                Map.of("enabled", true, "multiAZ", true)).load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:database.readReplica.multiAZ = \"true\": unknown key; did you mean \"multiAz\"?");
    }

    @Test
    void aReplicaNeedsAutomatedBackupsOnThePrimary() {
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:database", "backupRetentionDays", 0)
                .set("platform:database", "readReplica/enabled", true).load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:database.readReplica.enabled = \"true\": a read replica needs automated backups on the primary "
                        + "(RDS refuses to create one from a source without them): set platform:database.backupRetentionDays to 1 or more")
                .hasMessageContaining("platform:database.backupRetentionDays = \"0\": must be from 1 to 35");
    }

    @Test
    void aReplicaIsRefusedBesideAPinnedMinorWhoseUpgradeRdsWouldRefuse() {
        StackConfigFixture pinned = StackConfigFixture.of("staging").set("platform:database", "engineVersion", "17.9")
                .set("platform:database", "autoMinorVersionUpgrade", false);
        assertThat(pinned.load().database().engineVersion()).isEqualTo("17.9");
        assertThatThrownBy(() -> pinned.set("platform:database", "readReplica/enabled", true).load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:database.readReplica.enabled = \"true\": a read replica needs RDS's automatic minor upgrades "
                        + "(platform:database.autoMinorVersionUpgrade: true with a major-only engineVersion such as \"17\"): with a pinned minor, "
                        + "the next minor upgrade would modify the primary first, and RDS refuses it while the replica runs the older minor "
                        + "(DBUpgradeDependencyFailure)");
    }

    @Test
    void switchesThatAreNotBooleansAreRefused() {
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:database", "readReplica", Map.of("enabled", "yes")).load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:database.readReplica.enabled = \"yes\": must be true or false");
    }
}
