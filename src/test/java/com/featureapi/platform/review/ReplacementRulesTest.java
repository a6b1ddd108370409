package com.featureapi.platform.review;

import com.featureapi.platform.cost.CraftedPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's replace rules and stateful types one by one: every input that AWS cannot change in place replaces its
 * resource (and an ordinary input does not), every stateful type deleted or replaced puts data at risk, and a
 * resource that holds no data does not.
 */
class ReplacementRulesTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);

    static Stream<Arguments> forcingInputs() {
        List<Arguments> all = new ArrayList<>();
        ReplacementRules.forcingInputs().forEach((type, inputs) -> inputs.forEach(input -> all.add(Arguments.of(type, input))));
        return all.stream();
    }

    /** A map holding {@code value} at the dotted {@code path}. */
    private static Map<String, Object> at(String path, Object value) {
        int dot = path.indexOf('.');
        Map<String, Object> map = new TreeMap<>();
        map.put(dot < 0 ? path : path.substring(0, dot), dot < 0 ? value : at(path.substring(dot + 1), value));
        return map;
    }

    private static PlanDiff change(String type, Map<String, Object> before, Map<String, Object> after) {
        return PlanDiff.between(CraftedPlan.of("t").add("tier", type, "it", before).build(),
                CraftedPlan.of("t").add("tier", type, "it", after).build(), AS_OF);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forcingInputs")
    void aChangeOfAnInputAwsCannotChangeInPlaceReplacesTheResource(String type, String input) {
        PlanDiff diff = change(type, at(input, "before"), at(input, "after"));
        assertThat(diff.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.REPLACED);
            assertThat(c.replacementCauses()).containsExactly(input);
            assertThat(c.stateful()).isEqualTo(ReplacementRules.STATEFUL.contains(type));
        });
        // A tag is changed in place on every one of these types.
        PlanDiff tags = change(type, Map.of("tags", Map.of("Team", "a")), Map.of("tags", Map.of("Team", "b")));
        assertThat(tags.changes()).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(ChangeKind.CHANGED));
    }

    /**
     * The inputs that replace a data-holding resource, written out here (from the AWS provider's "Forces new resource"
     * arguments) rather than read from {@link ReplacementRules}: the test above walks the rules' own table, so an input
     * dropped from it would silently become an in-place update, and the review would miss that the data goes.
     */
    @Test
    void everyInputThatReplacesADataHoldingResourceStaysAReplacement() {
        Map<String, Set<String>> expected = Map.of(
                "aws:rds/instance:Instance", Set.of("identifier", "identifierPrefix", "engine", "dbName", "username", "kmsKeyId",
                        "storageEncrypted", "availabilityZone", "characterSetName", "timezone", "snapshotIdentifier", "customIamInstanceProfile"),
                "aws:elasticache/replicationGroup:ReplicationGroup", Set.of("replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId",
                        "subnetGroupName", "port", "preferredCacheClusterAzs", "snapshotArns", "snapshotName", "networkType"),
                "aws:s3/bucketV2:BucketV2", Set.of("bucket", "bucketPrefix", "objectLockEnabled"),
                "aws:kms/key:Key", Set.of("keyUsage", "customerMasterKeySpec", "keySpec", "multiRegion", "xksKeyId", "customKeyStoreId"),
                "aws:kms/replicaKey:ReplicaKey", Set.of("primaryKeyArn"),
                "aws:secretsmanager/secret:Secret", Set.of("name", "namePrefix"),
                "aws:cloudwatch/logGroup:LogGroup", Set.of("name", "namePrefix"),
                "aws:eks/cluster:Cluster", Set.of("name", "roleArn", "kubernetesNetworkConfig", "bootstrapSelfManagedAddons",
                        "accessConfig.bootstrapClusterCreatorAdminPermissions", "outpostConfig"),
                "kubernetes:core/v1:PersistentVolumeClaim", Set.of("spec.storageClassName", "spec.accessModes", "metadata.name", "metadata.namespace"));
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(ReplacementRules.STATEFUL);
        expected.forEach((type, inputs) -> inputs.forEach(input -> {
            PlanDiff diff = change(type, at(input, "before"), at(input, "after"));
            assertThat(diff.changes()).as(type + " " + input).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ChangeKind.REPLACED);
                assertThat(diff.alerts()).extracting(Alert::message).containsExactly("REPLACES " + type + " it (a new, empty one is created;"
                        + " the data does not move) because " + input + " cannot change in place");
            });
        }));
    }

    @Test
    void aTypeWithoutRulesIsReplacedOnlyByItsNameAndReplaceOnChangesIsHonoured() {
        assertThat(change("aws:sns/topic:Topic", Map.of("name", "a"), Map.of("name", "b")).changes().get(0).kind()).isEqualTo(ChangeKind.REPLACED);
        assertThat(change("aws:sns/topic:Topic", Map.of("displayName", "a"), Map.of("displayName", "b")).changes().get(0).kind())
                .isEqualTo(ChangeKind.CHANGED);
        assertThat(change("kubernetes:apps/v1:Deployment", Map.of("name", "a"), Map.of("name", "b")).changes().get(0).kind())
                .as("only aws: types follow the name rule").isEqualTo(ChangeKind.CHANGED);
        assertThat(ReplacementRules.forcesReplacement("aws:sns/topic:Topic", "policy.Statement", List.of("policy"))).isTrue();
        assertThat(ReplacementRules.forcesReplacement("aws:sns/topic:Topic", "policyX", List.of("policy"))).isFalse();
    }

    @ParameterizedTest
    @MethodSource("statefulTypes")
    void deletingAStatefulTypePutsItsDataAtRisk(String type) {
        PlanDiff deleted = PlanDiff.between(CraftedPlan.of("t").add("tier", type, "it", Map.of()).build(), CraftedPlan.of("t").build(), AS_OF);
        assertThat(deleted.alerts()).extracting(Alert::message).containsExactly("DELETES " + type + " it and the data in it");
        StackReview review = new StackReview("t", deleted, null, null, "");
        assertThat(review.dataAtRisk()).isEqualTo(1);
        assertThat(ReviewGates.evaluate(List.of(review), null, false, s -> true)).singleElement()
                .satisfies(g -> assertThat(g.detail()).isEqualTo("t: deletes " + type + " it"));
    }

    static Stream<String> statefulTypes() {
        return ReplacementRules.STATEFUL.stream().sorted();
    }

    @Test
    void theStatefulTypesAreExactlyTheseAndAStatelessDeletionIsNoRisk() {
        assertThat(ReplacementRules.STATEFUL).containsExactlyInAnyOrder("aws:rds/instance:Instance",
                "aws:elasticache/replicationGroup:ReplicationGroup", "aws:s3/bucketV2:BucketV2", "aws:kms/key:Key",
                "aws:kms/replicaKey:ReplicaKey", "aws:secretsmanager/secret:Secret", "aws:cloudwatch/logGroup:LogGroup",
                "kubernetes:core/v1:PersistentVolumeClaim", "aws:eks/cluster:Cluster");
        PlanDiff deleted = PlanDiff.between(CraftedPlan.of("t").add("tier", "aws:ec2/subnet:Subnet", "it", Map.of()).build(),
                CraftedPlan.of("t").build(), AS_OF);
        assertThat(deleted.alerts()).isEmpty();
        StackReview review = new StackReview("t", deleted, null, null, "");
        assertThat(review.dataAtRisk()).isZero();
        assertThat(ReviewGates.evaluate(List.of(review), null, false, s -> true)).singleElement().satisfies(g -> assertThat(g.passed()).isTrue());
    }
}
