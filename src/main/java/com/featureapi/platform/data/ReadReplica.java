package com.featureapi.platform.data;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.ReadReplicaConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.resources.CustomResourceOptions;

/**
 * The optional read replica of the primary ({@code platform:database.readReplica}): same region, same database subnets,
 * security group and parameter group, monitored and logged like the primary, for seed 001's
 * {@code DATABASE_READ_REPLICA_URL}.
 */
final class ReadReplica {

    private ReadReplica() {
    }

    /** {@code <project>-<stack>-postgres-replica}, which also names its log groups. */
    static String identifier(PlatformConfig config) {
        return ResourceNames.databaseInstance(config) + "-replica";
    }

    static Instance create(Data owner, DataArgs args, Instance primary, SubnetGroup subnets, ParameterGroup parameters) {
        PlatformConfig config = args.config();
        ReadReplicaConfig replica = config.database().readReplica();
        boolean production = config.environment().isProduction();
        String identifier = identifier(config);
        var logGroups = DatabaseLogGroups.exports(owner, args, "postgres-replica", identifier);
        var instance = Database.sharedSettings(InstanceArgs.builder(), args, subnets, parameters)
                .identifier(identifier)
                // The ARN, not the identifier: the provider's docs ask for the source's ARN when dbSubnetGroupName is
                // also given, as it is here (the policy pack requires every instance to name its subnet group).
                .replicateSourceDb(primary.arn())
                .instanceClass(replica.instanceClass())
                .multiAz(replica.multiAz())
                // No kmsKeyId: a replica in the source's region is always encrypted with the source's key (the RDS key),
                // and CreateDBInstanceReadReplica refuses the parameter there (RDS API reference, KmsKeyId:
                // "If you create an encrypted read replica in the same AWS Region as the source DB instance ... don't
                // specify a value for this parameter"). storageEncrypted (shared) only states what the source imposes.
                .deletionProtection(production)
                // RDS takes no final snapshot of a replica ("FinalDBSnapshotIdentifier can not be specified when deleting
                // a replica instance", hashicorp/terraform-provider-aws#4276), and creates it with backups disabled (no
                // backupRetentionPeriod here keeps them so): the primary's backups and final snapshot are the copies.
                .skipFinalSnapshot(true)
                .tags(NameTag.of(identifier));
        return new Instance("postgres-replica", instance.build(),
                CustomResourceOptions.builder().parent(owner).protect(production).dependsOn(logGroups).build());
    }
}
