package com.featureapi.platform.security;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ServiceAccounts;
import com.pulumi.aws.iam.ServiceLinkedRole;
import com.pulumi.aws.iam.ServiceLinkedRoleArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The security tier's keys and identities ({@code platform:security:Security}): one customer-managed KMS key
 * per {@link KeyPurpose}, and every IAM role of the platform, each trusted by exactly one service or one
 * namespace/service account and allowed only what its job needs.
 *
 * <p>It needs nothing from the network, so it is built first and the network's flow logs can use its log
 * key and role; the security groups, which need the VPC, are the separate {@link SecurityGroups} component.
 */
public final class Security extends ComponentResource {

    public static final String TYPE = "platform:security:Security";

    /** Role names used by {@link #roleArn(String)}. */
    public static final String CLUSTER_ROLE = "eks-cluster";
    public static final String NODE_ROLE = "eks-node";
    public static final String RDS_MONITORING_ROLE = "rds-monitoring";
    public static final String FLOW_LOGS_ROLE = "flow-logs";
    /** Instance role of the nodes Karpenter launches (only with platform:cluster.spotPool.enabled). */
    public static final String KARPENTER_NODE_ROLE = "karpenter-node";
    /** Logical name of the EC2 Auto Scaling service-linked role (the name {@code pulumi import} needs). */
    public static final String AUTOSCALING_SERVICE_LINKED_ROLE = "autoscaling-service-linked-role";

    private final Map<KeyPurpose, Output<String>> keyArns = new EnumMap<>(KeyPurpose.class);
    private final Map<String, Output<String>> roleArns = new LinkedHashMap<>();
    private final List<WorkloadRole> workloadRoles = new ArrayList<>();
    private final Map<String, Output<String>> nodeRoleNames = new LinkedHashMap<>();

    public Security(String name, SecurityArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        PlatformConfig config = args.config();
        var child = CustomResourceOptions.builder().parent(this).build();

        // A key policy naming a principal that does not exist is refused (MalformedPolicyDocumentException), and
        // AWSServiceRoleForAutoScaling exists only after an account's first Auto Scaling group
        // (terraform-aws-eks#3013): on a fresh account the EBS key must wait for the role. It is account-wide and
        // may serve groups outside this stack, so destroying the stack leaves it in place.
        Optional<ServiceLinkedRole> autoscalingRole = config.security().createAutoscalingServiceLinkedRole()
                ? Optional.of(new ServiceLinkedRole(AUTOSCALING_SERVICE_LINKED_ROLE, ServiceLinkedRoleArgs.builder()
                        .awsServiceName("autoscaling.amazonaws.com")
                        .description("EC2 Auto Scaling (EKS managed node groups of " + config.namePrefix() + " and any other group of the account)")
                        .build(), CustomResourceOptions.builder().parent(this).retainOnDelete(true).build()))
                : Optional.empty();

        for (KeyPurpose purpose : KeyPurpose.values()) {
            if (purpose == KeyPurpose.AUDIT && !config.monitoring().auditTrail()) {
                continue; // the organization's trail records the account
            }
            var keyOptions = CustomResourceOptions.builder().parent(this).protect(config.environment().isProduction());
            if (purpose == KeyPurpose.EBS) {
                autoscalingRole.ifPresent(keyOptions::dependsOn);
            }
            var key = new Key(purpose.alias(), KeyArgs.builder()
                    .description(config.namePrefix() + ": " + purpose.description())
                    .enableKeyRotation(true)
                    .deletionWindowInDays(config.security().kmsDeletionWindowDays())
                    .policy(KeyPolicies.of(purpose, config))
                    .tags(NameTag.of(config.namePrefix() + "-" + purpose.alias()))
                    // Losing a key loses every byte it encrypted: production keys are protected.
                    .build(), keyOptions.build());
            new Alias(purpose.alias(), AliasArgs.builder()
                    .name("alias/" + config.namePrefix() + "-" + purpose.alias())
                    .targetKeyId(key.keyId())
                    .build(), child);
            keyArns.put(purpose, key.arn());
        }

        var policies = new WorkloadPolicies(config);
        var roles = new Roles(config.namePrefix(), child);
        Output<String> eksKey = keyArns.get(KeyPurpose.EKS);
        Output<String> ebsKey = keyArns.get(KeyPurpose.EBS);
        Output<String> s3Key = keyArns.get(KeyPurpose.S3);
        Output<String> secretsKey = keyArns.get(KeyPurpose.SECRETS);

        put(CLUSTER_ROLE, roles.forService(CLUSTER_ROLE, "EKS control plane of " + config.namePrefix(),
                WorkloadPolicies.serviceTrust("eks.amazonaws.com"),
                List.of(Roles.managed("AmazonEKSClusterPolicy")),
                eksKey.applyValue(policies::clusterEncryption)));
        // No AmazonEKS_CNI_Policy here: the VPC CNI gets it through its own Pod Identity role.
        put(NODE_ROLE, roles.forService(NODE_ROLE, "EKS worker nodes of " + config.namePrefix() + " (SSM instead of SSH)",
                WorkloadPolicies.serviceTrust("ec2.amazonaws.com"),
                List.of(Roles.managed("AmazonEKSWorkerNodePolicy"), Roles.managed("AmazonEC2ContainerRegistryReadOnly"),
                        Roles.managed("AmazonSSMManagedInstanceCore")),
                null));
        put(RDS_MONITORING_ROLE, roles.forService(RDS_MONITORING_ROLE, "RDS enhanced monitoring of " + config.namePrefix(),
                policies.serviceTrustOfThisAccount("monitoring.rds.amazonaws.com"),
                List.of(Roles.managed("service-role/AmazonRDSEnhancedMonitoringRole")),
                null));
        put(FLOW_LOGS_ROLE, roles.forService(FLOW_LOGS_ROLE, "VPC Flow Logs delivery of " + config.namePrefix(),
                policies.serviceTrustOfThisAccount("vpc-flow-logs.amazonaws.com")
                        .when("ArnLike", "aws:SourceArn", "arn:aws:ec2:" + config.region() + ":" + config.accountId() + ":vpc-flow-log/*"),
                List.of(),
                Output.of(policies.flowLogDelivery())));

        workload(roles, policies, "vpc-cni", "kube-system", "aws-node",
                List.of(Roles.managed("AmazonEKS_CNI_Policy")), null);
        workload(roles, policies, "ebs-csi", "kube-system", "ebs-csi-controller-sa",
                List.of(Roles.managed("service-role/AmazonEBSCSIDriverPolicy")), ebsKey.applyValue(policies::ebsCsiKeyUse));
        workload(roles, policies, "load-balancer-controller", "kube-system", "aws-load-balancer-controller",
                List.of(), Output.of(WorkloadPolicies.loadBalancerController()));
        workload(roles, policies, "cluster-autoscaler", "kube-system", "cluster-autoscaler",
                List.of(), Output.of(policies.clusterAutoscaler()));
        workload(roles, policies, "external-secrets", "external-secrets", "external-secrets",
                List.of(), Output.tuple(secretsKey, keyArns.get(KeyPurpose.RDS)).applyValue(t -> policies.externalSecrets(t.t1, t.t2)));
        workload(roles, policies, "velero", "velero", "velero",
                List.of(), Output.tuple(s3Key, ebsKey).applyValue(t -> policies.velero(t.t1, t.t2)));
        // No CloudWatchAgentServerPolicy (seed 002 had it): it allows logs:CreateLogGroup/PutLogEvents and
        // cloudwatch:PutMetricData on every resource of the account. feature-api logs to stdout (collected in
        // the cluster) and is scraped by Prometheus (/metrics), so it needs no CloudWatch permission at all.
        workload(roles, policies, "feature-api", config.app().namespace(), config.app().serviceAccount(),
                List.of(), secretsKey.applyValue(policies::featureApi));
        workload(roles, policies, ServiceAccounts.EXTERNAL_DNS, Output.of(policies.externalDns()));
        // The observability tier's workloads, each named once in ServiceAccounts.
        workload(roles, policies, ServiceAccounts.FLUENT_BIT, Output.of(policies.fluentBit()));
        workload(roles, policies, ServiceAccounts.ALERTMANAGER, keyArns.get(KeyPurpose.ALERTS).applyValue(policies::alertmanager));
        workload(roles, policies, ServiceAccounts.DATABASE_BACKUP, s3Key.applyValue(policies::databaseBackup));
        workload(roles, policies, ServiceAccounts.TEMPO, s3Key.applyValue(policies::tempo));
        workload(roles, policies, ServiceAccounts.GRAFANA, Output.of(policies.grafana()));
        if (config.cluster().spotPool().enabled()) {
            // Karpenter's node role as its CloudFormation template (v1.14.1) has it, less AmazonEKS_CNI_Policy: the VPC
            // CNI gets that through its own Pod Identity role, on these nodes as on the managed ones.
            RoleWithPolicies karpenterNodes = roles.forService(KARPENTER_NODE_ROLE, "Nodes Karpenter launches for " + config.namePrefix()
                            + " (SSM instead of SSH)", WorkloadPolicies.serviceTrust("ec2.amazonaws.com"),
                    List.of(Roles.managed("AmazonEKSWorkerNodePolicy"), Roles.managed("AmazonEC2ContainerRegistryPullOnly"),
                            Roles.managed("AmazonSSMManagedInstanceCore")),
                    null);
            put(KARPENTER_NODE_ROLE, karpenterNodes.readyArn());
            // The name, once the role's policies are attached, like the ARN the other tiers get.
            nodeRoleNames.put(KARPENTER_NODE_ROLE, Output.tuple(karpenterNodes.readyArn(), karpenterNodes.role().name()).applyValue(t -> t.t2));
            // The controller's policy names the node role (iam:PassRole) by its ARN, as the template does.
            workload(roles, policies, ServiceAccounts.KARPENTER, karpenterNodes.role().arn().applyValue(policies::karpenterController));
        }

        // The account's threat detection, opt-in: only the one stack that owns the account's detector turns it on.
        var guardDuty = config.security().guardDuty() ? java.util.Optional.of(ThreatDetection.create(config.namePrefix(), this))
                : java.util.Optional.<com.pulumi.aws.guardduty.Detector>empty();

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        guardDuty.ifPresent(detector -> outputs.put("guardDutyDetectorId", detector.id()));
        keyArns.forEach((purpose, arn) -> outputs.put(purpose.alias() + "KeyArn", arn));
        roleArns.forEach((role, arn) -> outputs.put(role + "RoleArn", arn));
        registerOutputs(outputs);
    }

    /** The key of one purpose. */
    public Output<String> keyArn(KeyPurpose purpose) {
        Output<String> arn = keyArns.get(purpose);
        if (arn == null) {
            throw new IllegalArgumentException("no " + purpose.alias() + " key: it exists only when platform:monitoring.auditTrail is true");
        }
        return arn;
    }

    /** The key of one purpose, when the stack has it ({@link KeyPurpose#AUDIT} only with the audit trail). */
    public Optional<Output<String>> optionalKeyArn(KeyPurpose purpose) {
        return Optional.ofNullable(keyArns.get(purpose));
    }

    /**
     * A role by name: {@link #CLUSTER_ROLE}, {@link #NODE_ROLE}, ... or a workload role's name. The ARN is known
     * once the role's policies are attached ({@link RoleWithPolicies#readyArn()}), so the cluster, the node groups,
     * RDS enhanced monitoring and the flow log never start without their permissions.
     */
    public Output<String> roleArn(String name) {
        Output<String> arn = roleArns.get(name);
        if (arn == null) {
            throw new IllegalArgumentException("no role " + name + "; roles: " + roleArns.keySet());
        }
        return arn;
    }

    /** The Pod Identity roles, for the cluster tier's associations. */
    public List<WorkloadRole> workloadRoles() {
        return List.copyOf(workloadRoles);
    }

    /** Consumers get the ARN that waits for the role's policies, not only for the role. */
    private void put(String name, RoleWithPolicies role) {
        put(name, role.readyArn());
    }

    private void put(String name, Output<String> readyArn) {
        roleArns.put(name, readyArn);
    }

    /**
     * The name of a node role ({@link #KARPENTER_NODE_ROLE}): Karpenter's EC2NodeClass takes the role by name and
     * creates the instance profile itself.
     */
    public Output<String> roleName(String name) {
        Output<String> roleName = nodeRoleNames.get(name);
        if (roleName == null) {
            throw new IllegalArgumentException("no node role " + name + " (it exists only with platform:cluster.spotPool.enabled); node roles: "
                    + nodeRoleNames.keySet());
        }
        return roleName;
    }

    private void workload(Roles roles, WorkloadPolicies policies, ServiceAccounts.Account account, Output<String> inlinePolicy) {
        workload(roles, policies, account.role(), account.namespace(), account.name(), List.of(), inlinePolicy);
    }

    private void workload(Roles roles, WorkloadPolicies policies, String name, String namespace, String serviceAccount,
                          List<String> managedPolicies, Output<String> inlinePolicy) {
        RoleWithPolicies role = roles.forService(name, "Pod Identity role of " + namespace + "/" + serviceAccount,
                policies.podIdentityTrust(namespace, serviceAccount), managedPolicies, inlinePolicy);
        put(name, role);
        workloadRoles.add(new WorkloadRole(name, namespace, serviceAccount, role.readyArn()));
    }
}
