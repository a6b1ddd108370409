package com.featureapi.platform.data;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cross-region copy of the backups bucket (production only), setting by setting. */
class BackupReplicationTest {

    private final Plan plan = PlannedStacks.of("production");

    @Test
    void everyObjectIsCopiedEncryptedUnderTheReplicaRegionsKeyDeleteMarkersIncluded() {
        PlannedResource replication = plan.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "backups");
        String replicaKey = plan.one("aws:kms/key:Key", "backups-replica-us-west-2").urn();
        String replicaBucket = plan.one("aws:s3/bucketV2:BucketV2", "backups-replica-us-west-2").urn();
        assertThat(replication.input("bucket")).isEqualTo("platform-production-backups-222222222222");
        assertThat(replication.propertyDependencies().get("role")).containsExactly(plan.one("aws:iam/role:Role", "backups-replication").urn());
        assertThat(replication.propertyDependencies().get("rules")).containsExactlyInAnyOrder(replicaKey, replicaBucket);
        assertThat((List<?>) replication.input("rules")).singleElement().isEqualTo(Map.of(
                "id", "to-us-west-2",
                "status", "Enabled",
                // An empty prefix: the whole bucket, in the V2 rule schema that delete-marker replication needs.
                "filter", Map.of("prefix", ""),
                "deleteMarkerReplication", Map.of("status", "Enabled"),
                // The source objects are SSE-KMS: without this selection S3 skips every one of them.
                "sourceSelectionCriteria", Map.of("sseKmsEncryptedObjects", Map.of("status", "Enabled")),
                "destination", Map.of(
                        "bucket", "arn:aws:s3:::platform-production-backups-replica-us-west-2-222222222222",
                        "storageClass", "STANDARD_IA",
                        "encryptionConfiguration", Map.of("replicaKmsKeyId",
                                "arn:aws:kms:us-west-2:222222222222:key/06f42b8c-3c58-468a-81ff-3229e76871d9"))));
        assertThat(replication.provider()).contains("pulumi:providers:aws::aws::");
    }

    @Test
    void theReplicaKeyLivesInTheReplicaRegionAndTheSourceBucketIsVersionedFirst() {
        PlannedResource replicaKey = plan.one("aws:kms/key:Key", "backups-replica-us-west-2");
        assertThat(replicaKey.provider()).contains("pulumi:providers:aws::aws-us-west-2::");
        assertThat(replicaKey.input("enableKeyRotation")).isEqualTo(true);
        PlannedResource replication = plan.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "backups");
        // S3 refuses a replication configuration on a bucket (source or destination) without versioning.
        assertThat(replication.dependencies()).contains(
                plan.one("aws:s3/bucketVersioningV2:BucketVersioningV2", "backups").urn(),
                plan.one("aws:s3/bucketVersioningV2:BucketVersioningV2", "backups-replica-us-west-2").urn());
    }

    @Test
    void stagingReplicatesNothing() {
        Plan staging = PlannedStacks.of("staging");
        assertThat(staging.ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")).isEmpty();
        assertThat(staging.where(r -> r.name().contains("replica"))).isEmpty();
    }
}
