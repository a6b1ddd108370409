package com.featureapi.platform.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code platform:database}: the RDS PostgreSQL instance.
 *
 * @param engineVersion                  PostgreSQL major ({@code "17"}) while minor upgrades are automatic, or a full
 *                                       {@code major.minor} ({@code "17.9"}) only with {@code autoMinorVersionUpgrade: false};
 *                                       major 14 to 18; the parameter-group family follows the major
 * @param autoMinorVersionUpgrade        RDS applies new minors in the maintenance window (default true)
 * @param allowMajorVersionUpgrade       the reviewed switch for a major upgrade (default false): lets RDS change the major
 *                                       and applies the change at once instead of in the maintenance window
 * @param applyImmediately               class, storage and other modifications apply during {@code pulumi up} (default:
 *                                       true outside production) instead of in the next maintenance window
 * @param instanceClass                  an RDS class such as {@code db.r5.xlarge}
 * @param multiAz                        a synchronous standby in a second AZ
 * @param allocatedStorageGiB            initial gp3 storage, 20 to 65536 GiB
 * @param maxAllocatedStorageGiB         ceiling for storage autoscaling, at least 10% above {@code allocatedStorageGiB}
 * @param backupRetentionDays            automated backups kept, 1 to 35 days (production: at least 30, seed 002 compliance)
 * @param backupWindow                   daily UTC window, {@code hh:mm-hh:mm}
 * @param maintenanceWindow              weekly UTC window, {@code ddd:hh:mm-ddd:hh:mm}, apart from the backup window
 * @param databaseName                   the initial database
 * @param masterUsername                 the master user; its password is generated and kept by RDS in Secrets Manager
 * @param logRetentionDays               retention of the instance's log groups, a CloudWatch Logs retention period
 *                                       (default: 365 in production, 30 elsewhere)
 * @param ownsEnhancedMonitoringLogGroup the stack creates the account's one {@code RDSOSMetrics} group (default false):
 *                                       only for an account and region where no other stack or RDS instance uses it
 * @param readReplica                    the optional read replica ({@code readReplica}), off unless the stack turns it on
 */
public record DatabaseConfig(
        String engineVersion,
        boolean autoMinorVersionUpgrade,
        boolean allowMajorVersionUpgrade,
        boolean applyImmediately,
        String instanceClass,
        boolean multiAz,
        int allocatedStorageGiB,
        int maxAllocatedStorageGiB,
        int backupRetentionDays,
        String backupWindow,
        String maintenanceWindow,
        String databaseName,
        String masterUsername,
        int logRetentionDays,
        boolean ownsEnhancedMonitoringLogGroup,
        ReadReplicaConfig readReplica) {

    private static final Pattern VERSION = Pattern.compile("(\\d{2})(?:\\.(\\d{1,2}))?");
    static final Pattern INSTANCE_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The major version, which names the parameter-group family ({@code postgres17}). */
    public int majorVersion() {
        Matcher m = VERSION.matcher(engineVersion);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The parameter-group family of the major: {@code postgres17}. */
    public String parameterGroupFamily() {
        return "postgres" + majorVersion();
    }

    /**
     * The storage-autoscaling ceiling RDS accepts for an initial size: at least 10% above it
     * ("Invalid max storage size" otherwise), rounded up to a whole GiB.
     */
    public static int minimumMaxAllocatedStorageGiB(int allocatedStorageGiB) {
        return (allocatedStorageGiB * 11 + 9) / 10;
    }

    static DatabaseConfig read(ConfigNode node, Environment environment) {
        ConfigProblems problems = node.problems();
        String version = node.requiredString("engineVersion", "engineVersion: \"17\"");
        boolean autoMinor = node.bool("autoMinorVersionUpgrade", true);
        Matcher m = VERSION.matcher(version);
        if (!version.isEmpty() && (!m.matches() || Integer.parseInt(m.group(1)) < 14 || Integer.parseInt(m.group(1)) > 18)) {
            problems.add(node.keyPath("engineVersion"), version,
                    "must be a supported PostgreSQL major (14 to 18) such as \"17\", or major.minor such as \"17.9\" with autoMinorVersionUpgrade: false");
        } else if (!version.isEmpty() && m.group(2) != null && autoMinor) {
            // RDS moves the instance to newer minors; the provider then reads back a version the config does not
            // start with, and every later `up` would plan a downgrade that RDS refuses.
            problems.add(node.keyPath("engineVersion"), version,
                    "a full minor version cannot be pinned while autoMinorVersionUpgrade is true (RDS upgrades the minor and the next `pulumi up` would try to downgrade it); "
                            + "use the major \"" + m.group(1) + "\", or set autoMinorVersionUpgrade: false");
        }
        boolean allowMajor = node.bool("allowMajorVersionUpgrade", false);
        boolean applyImmediately = node.bool("applyImmediately", !environment.isProduction());
        String instanceClass = node.matching("instanceClass", null, INSTANCE_CLASS, "is not an RDS instance class such as db.r5.xlarge");
        if (instanceClass == null) {
            problems.missing(node.keyPath("instanceClass"), "instanceClass: db.t3.large");
        }
        boolean multiAz = node.bool("multiAz", environment.isProduction());
        int storage = node.integer("allocatedStorageGiB", 50, 20, 65536);
        int minimumCeiling = minimumMaxAllocatedStorageGiB(storage);
        int maxStorage = node.integer("maxAllocatedStorageGiB", Math.max(minimumCeiling, Math.max(storage * 2, 200)), 20, 65536);
        if (maxStorage < minimumCeiling) {
            problems.add(node.keyPath("maxAllocatedStorageGiB"), Integer.toString(maxStorage),
                    "must be at least 10% above allocatedStorageGiB (" + storage + "), that is at least " + minimumCeiling
                            + "; RDS refuses a smaller storage-autoscaling ceiling");
        }
        int retention = node.integer("backupRetentionDays", environment.isProduction() ? 30 : 7, 1, 35);
        if (environment.isProduction() && retention < 30) {
            problems.add(node.keyPath("backupRetentionDays"), Integer.toString(retention), "production keeps backups at least 30 days (seed 002 compliance)");
        }
        String backupWindow = node.string("backupWindow", "03:00-04:00");
        String maintenanceWindow = node.string("maintenanceWindow", "sun:05:00-sun:06:00");
        TimeWindows.requireApart(node.keyPath("backupWindow"), backupWindow, node.keyPath("maintenanceWindow"), maintenanceWindow, problems);
        String databaseName = node.matching("databaseName", "features", IDENTIFIER, "must be 1-63 lower-case letters, digits or underscores, starting with a letter");
        String masterUsername = node.matching("masterUsername", "feature_api_admin", IDENTIFIER, "must be 1-63 lower-case letters, digits or underscores, starting with a letter");
        int logRetention = node.integerIn("logRetentionDays", environment.isProduction() ? 365 : 30, LogRetention.ALLOWED_DAYS, LogRetention.NAME);
        boolean ownsOsMetrics = node.bool("ownsEnhancedMonitoringLogGroup", false);
        ReadReplicaConfig readReplica = ReadReplicaConfig.read(node, instanceClass, retention, autoMinor);
        node.rejectUnknownKeys();
        return new DatabaseConfig(version, autoMinor, allowMajor, applyImmediately, instanceClass, multiAz, storage, maxStorage,
                retention, backupWindow, maintenanceWindow, databaseName, masterUsername, logRetention, ownsOsMetrics, readReplica);
    }
}
