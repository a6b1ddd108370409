package com.featureapi.platform.config;

/**
 * {@code platform:database.readReplica}: seed 001's optional read replica ({@code DATABASE_READ_REPLICA_URL}), an RDS
 * read replica of the primary in the same region and database subnets. Off unless {@code enabled: true}.
 *
 * @param enabled       whether the stack has the replica
 * @param instanceClass its RDS class; default the primary's {@code instanceClass} (a smaller replica may fall behind
 *                      the primary's write rate). Must be offered and priced in the region, as the primary's is
 * @param multiAz       a standby for the replica itself (default false: reads fall back to the primary while RDS
 *                      replaces a failed single-AZ replica, and a standby would double its price)
 */
public record ReadReplicaConfig(boolean enabled, String instanceClass, boolean multiAz) {

    /** The section is absent: no replica. */
    static ReadReplicaConfig off(String primaryClass) {
        return new ReadReplicaConfig(false, primaryClass, false);
    }

    static ReadReplicaConfig read(ConfigNode database, String primaryClass, int backupRetentionDays, boolean autoMinorVersionUpgrade) {
        if (!database.has("readReplica")) {
            return off(primaryClass);
        }
        ConfigNode replica = database.object("readReplica");
        boolean enabled = replica.bool("enabled", false);
        // The primary's class, when taken over, was judged under the primary's key: only the replica's own is checked here.
        String instanceClass = replica.has("instanceClass")
                ? replica.matching("instanceClass", null, DatabaseConfig.INSTANCE_CLASS, "is not an RDS instance class such as db.r5.large")
                : primaryClass;
        boolean multiAz = replica.bool("multiAz", false);
        if (enabled && backupRetentionDays < 1) {
            // CreateDBInstanceReadReplica needs automated backups on the source (RDS user guide, "Working with DB
            // instance read replicas"): the loader reports the retention's own range too, this says why it matters here.
            replica.problems().ofKey(replica.keyPath("enabled"), "true",
                    "a read replica needs automated backups on the primary (RDS refuses to create one from a source without them): "
                            + "set platform:database.backupRetentionDays to 1 or more");
        }
        if (enabled && !autoMinorVersionUpgrade) {
            // A pinned minor is upgraded by editing engineVersion, which both instances take: Pulumi modifies the primary
            // first (the replica depends on its ARN), and RDS refuses a primary's minor upgrade while a read replica still
            // runs the older minor ("DBUpgradeDependencyFailure: One or more of the DB Instance's read replicas need to be
            // upgraded", hashicorp/terraform-provider-aws#22107, aws/aws-cdk#26755). The provider does not order it either.
            replica.problems().ofKey(replica.keyPath("enabled"), "true",
                    "a read replica needs RDS's automatic minor upgrades (platform:database.autoMinorVersionUpgrade: true with a "
                            + "major-only engineVersion such as \"17\"): with a pinned minor, the next minor upgrade would modify the primary "
                            + "first, and RDS refuses it while the replica runs the older minor (DBUpgradeDependencyFailure)");
        }
        replica.rejectUnknownKeys();
        return new ReadReplicaConfig(enabled, instanceClass, multiAz);
    }
}
