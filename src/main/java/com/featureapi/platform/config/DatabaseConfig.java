package com.featureapi.platform.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code platform:database}: the RDS PostgreSQL instance.
 *
 * @param engineVersion          PostgreSQL {@code major.minor}, major 14 to 18; the parameter-group family follows the major
 * @param instanceClass          an RDS class such as {@code db.r5.xlarge}
 * @param multiAz                a synchronous standby in a second AZ
 * @param allocatedStorageGiB    initial gp3 storage, 20 to 65536 GiB
 * @param maxAllocatedStorageGiB ceiling for storage autoscaling, at least {@code allocatedStorageGiB}
 * @param backupRetentionDays    automated backups kept, 1 to 35 days (production: at least 30, seed 002 compliance)
 * @param backupWindow           daily UTC window, {@code hh:mm-hh:mm}
 * @param maintenanceWindow      weekly UTC window, {@code ddd:hh:mm-ddd:hh:mm}, apart from the backup window
 * @param databaseName           the initial database
 * @param masterUsername         the master user; its password is generated and kept by RDS in Secrets Manager
 */
public record DatabaseConfig(
        String engineVersion,
        String instanceClass,
        boolean multiAz,
        int allocatedStorageGiB,
        int maxAllocatedStorageGiB,
        int backupRetentionDays,
        String backupWindow,
        String maintenanceWindow,
        String databaseName,
        String masterUsername) {

    private static final Pattern VERSION = Pattern.compile("(\\d{2})\\.(\\d{1,2})");
    private static final Pattern INSTANCE_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The major version, which names the parameter-group family ({@code postgres17}). */
    public int majorVersion() {
        Matcher m = VERSION.matcher(engineVersion);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    static DatabaseConfig read(ConfigNode node, Environment environment) {
        ConfigProblems problems = node.problems();
        String version = node.requiredString("engineVersion", "engineVersion: \"17.9\"");
        Matcher m = VERSION.matcher(version);
        if (!version.isEmpty() && (!m.matches() || Integer.parseInt(m.group(1)) < 14 || Integer.parseInt(m.group(1)) > 18)) {
            problems.add(node.keyPath("engineVersion"), version, "must be a supported PostgreSQL version major.minor with major 14 to 18, for example \"17.9\"");
        }
        String instanceClass = node.matching("instanceClass", null, INSTANCE_CLASS, "is not an RDS instance class such as db.r5.xlarge");
        if (instanceClass == null) {
            problems.missing(node.keyPath("instanceClass"), "instanceClass: db.t3.large");
        }
        boolean multiAz = node.bool("multiAz", environment.isProduction());
        int storage = node.integer("allocatedStorageGiB", 50, 20, 65536);
        int maxStorage = node.integer("maxAllocatedStorageGiB", Math.max(storage, 200), 20, 65536);
        if (maxStorage < storage) {
            problems.add(node.keyPath("maxAllocatedStorageGiB"), Integer.toString(maxStorage), "must be at least allocatedStorageGiB (" + storage + ")");
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
        node.rejectUnknownKeys();
        return new DatabaseConfig(version, instanceClass, multiAz, storage, maxStorage, retention, backupWindow,
                maintenanceWindow, databaseName, masterUsername);
    }
}
