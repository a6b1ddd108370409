package com.featureapi.platform.kubernetes;

import com.featureapi.platform.cluster.InstanceMetadata;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.SpotPoolConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.naming.ServiceAccounts;
import com.featureapi.platform.security.WorkloadRole;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seed 002's spot pool: the Karpenter release (chart {@link Charts#KARPENTER}, installed as Karpenter's docs install
 * it on EKS) and the pool it provisions, an {@code EC2NodeClass} and a {@code NodePool} ({@code karpenter.k8s.aws/v1},
 * {@code karpenter.sh/v1}, the versions the pinned chart serves). Both objects wait for the release that serves
 * their CRDs, and for the nodes' access entry.
 *
 * <p><b>Karpenter and the cluster-autoscaler never manage the same nodes.</b> The autoscaler discovers the Auto Scaling
 * groups EKS creates for the managed node groups by their tags ({@code k8s.io/cluster-autoscaler/enabled},
 * {@code k8s.io/cluster-autoscaler/<cluster>}) and scales and removes only members of those groups. Karpenter launches
 * its nodes with EC2 Fleet, in no Auto Scaling group, tagged only with the pool's tags (none of the autoscaler's), and
 * consolidates only the nodes it launched. The pool's nodes carry the taint {@value #TAINT_KEY}{@code =true:NoSchedule},
 * so Karpenter provisions only for pods that tolerate it: the API's alone (chart value {@code spotPool}), which
 * <em>prefer</em> the pool and may still run on the managed groups when spot capacity is short. For a pending API pod
 * both may therefore add a node; the surplus one is empty afterwards and its own autoscaler removes it (Karpenter's
 * consolidation, the cluster-autoscaler's scale-down), never the other's.
 * The controller itself runs on the managed node groups only (required node affinity), never on a node it manages.
 */
public final class SpotPool {

    /** The pool's name (NodePool and EC2NodeClass). */
    public static final String NAME = "spot";
    /** Seed 002's taint of the spot nodes. */
    public static final String TAINT_KEY = "spot-instance";
    /** Seed 002's label of the spot nodes' template. */
    public static final Map<String, String> LABELS = Map.of("provisioner", "spot");
    /** AL2023, the newest AMI Karpenter resolves from SSM: a new AMI drifts the nodes, which Karpenter replaces within the budget. */
    public static final String AMI_ALIAS = "al2023@latest";
    /** Root volume of the pool's nodes (gp3, the EBS key), as the managed groups have theirs. */
    static final String ROOT_VOLUME = "50Gi";
    /** Karpenter's docs' default node lifetime: nodes are replaced at least every 30 days (patching). */
    static final String EXPIRE_AFTER = "720h";
    /** The Pod Identity role of the security tier the controller runs as. */
    static final String CONTROLLER_ROLE = ServiceAccounts.KARPENTER.role();
    /** The label EKS sets on the nodes of managed node groups, which Karpenter's nodes never have. */
    static final String MANAGED_NODE_GROUP_LABEL = "eks.amazonaws.com/nodegroup";

    private final Release release;
    private final Resource nodeClass;
    private final Resource nodePool;

    /**
     * What the AWS side gives the pool.
     *
     * @param interruptionQueue the SQS queue Karpenter reads interruptions from
     * @param nodeRoleName      the instance role of the pool's nodes (EC2NodeClass {@code role})
     * @param nodeAccess        the nodes' EKS access entry
     */
    public record Inputs(Output<String> interruptionQueue, Output<String> nodeRoleName, Resource nodeAccess) {
    }

    SpotPool(Workloads tier, PlatformConfig config, WorkloadsArgs args, WorkloadRole role, Inputs inputs) {
        SpotPoolConfig pool = config.cluster().spotPool();
        String cluster = ResourceNames.cluster(config);
        this.release = tier.release("karpenter", Charts.KARPENTER, role.namespace(),
                inputs.interruptionQueue().applyValue(queue -> controllerValues(config, role, queue)),
                List.of(tier.podIdentityAssociation(role.name())));

        this.nodeClass = new KubernetesObject(NAME, new KubernetesObject.Args("karpenter.k8s.aws/v1", "EC2NodeClass", Map.of("name", NAME),
                Output.tuple(inputs.nodeRoleName(), args.ebsKeyArn()).applyValue(t -> nodeClassSpec(config, cluster, t.t1, t.t2))),
                tier.child(List.of(release, inputs.nodeAccess())));
        this.nodePool = new KubernetesObject(NAME, new KubernetesObject.Args("karpenter.sh/v1", "NodePool", Map.of("name", NAME),
                Output.of(nodePoolSpec(pool))), tier.child(List.of(release, nodeClass)));
    }

    public Release release() {
        return release;
    }

    public Resource nodeClass() {
        return nodeClass;
    }

    public Resource nodePool() {
        return nodePool;
    }

    /** The values of Karpenter's docs (step08: cluster, queue, 1 CPU / 1 Gi), with the controller kept off its own nodes. */
    static Map<String, Object> controllerValues(PlatformConfig config, WorkloadRole role, String interruptionQueue) {
        Map<String, Object> values = new TreeMap<>();
        values.put("settings", Map.of("clusterName", ResourceNames.cluster(config), "interruptionQueue", interruptionQueue));
        values.put("serviceAccount", Map.of("create", true, "name", role.serviceAccount()));
        // One leads (leader election), the others stand by; each takes 1 CPU of the managed node groups.
        values.put("replicas", config.cluster().spotPool().controllerReplicas());
        Map<String, Object> resources = Map.of("cpu", SpotPoolConfig.CONTROLLER_CPU, "memory", "1Gi");
        values.put("controller", Map.of(
                "image", Map.of("repository", Charts.KARPENTER_IMAGE_REPOSITORY, "tag", Charts.KARPENTER_IMAGE_TAG,
                        "digest", Charts.KARPENTER_IMAGE_DIGEST),
                "resources", Map.of("requests", resources, "limits", resources),
                // IMDS is closed to pods (hop limit 1, InstanceMetadata): the region comes from config.
                "env", List.of(Map.of("name", "AWS_REGION", "value", config.region()))));
        values.put("nodeSelector", Map.of("kubernetes.io/os", "linux"));
        // The chart's default affinity keeps the controller off nodes of any NodePool; this also requires a managed
        // node group, and keeps the chart's anti-affinity (one replica per node), which a set affinity replaces.
        values.put("affinity", Map.of(
                "nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", Map.of("nodeSelectorTerms", List.of(Map.of(
                        "matchExpressions", List.of(
                                Map.of("key", "karpenter.sh/nodepool", "operator", "DoesNotExist"),
                                Map.of("key", MANAGED_NODE_GROUP_LABEL, "operator", "Exists")))))),
                "podAntiAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", List.of(
                        Map.of("topologyKey", "kubernetes.io/hostname")))));
        return values;
    }

    static Map<String, Object> nodeClassSpec(PlatformConfig config, String cluster, String nodeRoleName, String ebsKeyArn) {
        Map<String, String> discovery = Map.of(ResourceNames.KARPENTER_DISCOVERY_TAG, cluster);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("role", nodeRoleName);
        spec.put("amiSelectorTerms", List.of(Map.of("alias", AMI_ALIAS)));
        spec.put("subnetSelectorTerms", List.of(Map.of("tags", discovery)));
        spec.put("securityGroupSelectorTerms", List.of(Map.of("tags", discovery)));
        spec.put("metadataOptions", Map.of("httpEndpoint", "enabled", "httpProtocolIPv6", "disabled",
                "httpPutResponseHopLimit", InstanceMetadata.HOP_LIMIT, "httpTokens", "required"));
        spec.put("blockDeviceMappings", List.of(Map.of("deviceName", "/dev/xvda", "ebs", Map.of(
                "volumeSize", ROOT_VOLUME, "volumeType", "gp3", "encrypted", true, "kmsKeyID", ebsKeyArn, "deleteOnTermination", true))));
        // The stack's tags (cost allocation) and a Name; never the autoscaler's discovery tags.
        Map<String, String> tags = new TreeMap<>(config.defaultTags());
        tags.putAll(NameTag.of(config.namePrefix() + "-spot"));
        spec.put("tags", tags);
        return spec;
    }

    static Map<String, Object> nodePoolSpec(SpotPoolConfig pool) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", Map.of("labels", LABELS));
        template.put("spec", Map.of(
                "requirements", List.of(
                        Map.of("key", "karpenter.sh/capacity-type", "operator", "In", "values", List.of("spot")),
                        Map.of("key", "node.kubernetes.io/instance-type", "operator", "In", "values", pool.instanceTypes()),
                        Map.of("key", "kubernetes.io/os", "operator", "In", "values", List.of("linux"))),
                "nodeClassRef", Map.of("group", "karpenter.k8s.aws", "kind", "EC2NodeClass", "name", NAME),
                "taints", List.of(Map.of("key", TAINT_KEY, "value", "true", "effect", "NoSchedule")),
                "expireAfter", EXPIRE_AFTER));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("template", template);
        spec.put("disruption", Map.of(
                "consolidationPolicy", "WhenEmptyOrUnderutilized",
                "consolidateAfter", pool.consolidateAfter(),
                "budgets", List.of(Map.of("nodes", pool.maxDisruptionPercent() + "%"))));
        spec.put("limits", Map.of("cpu", String.valueOf(pool.cpuLimit())));
        return spec;
    }
}
