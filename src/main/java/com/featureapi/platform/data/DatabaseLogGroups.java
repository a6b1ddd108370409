package com.featureapi.platform.data;

import com.featureapi.platform.config.DatabaseConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * The CloudWatch log groups RDS writes to, created before the instance with the logs key and a retention.
 * Left to RDS, each group appears on the first write, unencrypted and kept forever. The logs key's policy
 * lets CloudWatch Logs use it for every log group of this account and region, these included.
 */
final class DatabaseLogGroups {

    /** The logs the instance exports ({@code enabledCloudwatchLogsExports}); each has its own group. */
    static final List<String> EXPORTS = List.of("postgresql", "upgrade");

    /**
     * The Enhanced Monitoring group. There is one per account and region, shared by every instance there (one
     * log stream each), so a stack creates it only when config says the stack owns it: otherwise a second stack
     * in the account would fail to create it, and destroying one stack would delete the others' metrics.
     */
    static final String ENHANCED_MONITORING_GROUP = "RDSOSMetrics";

    private DatabaseLogGroups() {
    }

    static String exportGroupName(PlatformConfig config, String export) {
        return exportGroupName(Database.identifier(config), export);
    }

    static String exportGroupName(String instanceIdentifier, String export) {
        return "/aws/rds/instance/" + instanceIdentifier + "/" + export;
    }

    static List<Resource> create(Data owner, DataArgs args) {
        PlatformConfig config = args.config();
        DatabaseConfig db = config.database();
        var child = CustomResourceOptions.builder().parent(owner).build();
        List<Resource> groups = new ArrayList<>(exports(owner, args, "postgres", Database.identifier(config)));
        if (db.ownsEnhancedMonitoringLogGroup()) {
            groups.add(new LogGroup("rds-os-metrics", LogGroupArgs.builder()
                    .name(ENHANCED_MONITORING_GROUP)
                    .retentionInDays(db.logRetentionDays())
                    .kmsKeyId(args.security().logsKeyArn())
                    .tags(NameTag.of(ENHANCED_MONITORING_GROUP))
                    .build(), child));
        }
        return groups;
    }

    /** The export groups of one instance ({@code logicalPrefix}-log-postgresql, ...), named after its identifier. */
    static List<Resource> exports(Data owner, DataArgs args, String logicalPrefix, String instanceIdentifier) {
        var child = CustomResourceOptions.builder().parent(owner).build();
        List<Resource> groups = new ArrayList<>();
        for (String export : EXPORTS) {
            groups.add(new LogGroup(logicalPrefix + "-log-" + export, LogGroupArgs.builder()
                    .name(exportGroupName(instanceIdentifier, export))
                    .retentionInDays(args.config().database().logRetentionDays())
                    .kmsKeyId(args.security().logsKeyArn())
                    .tags(NameTag.of(instanceIdentifier + "-" + export))
                    .build(), child));
        }
        return groups;
    }
}
