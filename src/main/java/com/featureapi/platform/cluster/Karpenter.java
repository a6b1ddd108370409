package com.featureapi.platform.cluster;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS side of Karpenter ({@code platform:cluster:Karpenter}), as the CloudFormation template of its v1.14 docs
 * builds it: the EKS access entry of type {@code EC2_LINUX} that lets the nodes it launches join the cluster, the
 * interruption queue and the EventBridge rules that feed it (spot interruption warnings, rebalance recommendations,
 * instance state changes, AWS Health events, capacity-reservation interruptions). The node and controller roles are
 * the security tier's; only stacks with {@code platform:cluster.spotPool.enabled} have any of this.
 *
 * <p>The queue is encrypted with SQS-managed keys (SSE-SQS), as the template does, not with a key of the program: the
 * controller's policy is the version's by value and holds no {@code kms:Decrypt}, so a customer-managed key would
 * leave Karpenter unable to read a single message (and EventBridge would need the key's grant too). The messages are
 * EC2 and Health event metadata (instance ids, states, times), none of the stack's data.
 */
public final class Karpenter extends ComponentResource {

    public static final String TYPE = "platform:cluster:Karpenter";

    /** EventBridge rules of the template (detail-type per source), each to the queue. */
    static final List<InterruptionEvent> EVENTS = List.of(
            new InterruptionEvent("scheduled-change", "aws.health", "AWS Health Event"),
            new InterruptionEvent("spot-interruption", "aws.ec2", "EC2 Spot Instance Interruption Warning"),
            new InterruptionEvent("rebalance", "aws.ec2", "EC2 Instance Rebalance Recommendation"),
            new InterruptionEvent("instance-state-change", "aws.ec2", "EC2 Instance State-change Notification"),
            new InterruptionEvent("capacity-reservation-interruption", "aws.ec2", "EC2 Capacity Reservation Instance Interruption Warning"));

    /** The template's {@code MessageRetentionPeriod}: an interruption older than 5 minutes is past acting on. */
    static final int MESSAGE_RETENTION_SECONDS = 300;

    private final Output<String> queueName;
    private final Resource nodeAccess;

    /**
     * @param name   the rule's suffix in its name and Pulumi name
     * @param source the event source
     * @param detailType the event's detail-type
     */
    record InterruptionEvent(String name, String source, String detailType) {
        String pattern() {
            return "{\"detail-type\":[\"" + detailType + "\"],\"source\":[\"" + source + "\"]}";
        }
    }

    public Karpenter(String name, PlatformConfig config, Output<String> clusterName, Output<String> nodeRoleArn,
                     ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        String cluster = ResourceNames.cluster(config);

        // The nodes authenticate with their instance role; EC2_LINUX gives them system:nodes (no access policy).
        this.nodeAccess = new AccessEntry("karpenter-nodes", AccessEntryArgs.builder()
                .clusterName(clusterName)
                .principalArn(nodeRoleArn)
                .type("EC2_LINUX")
                .build(), child);

        var queue = new Queue("karpenter-interruptions", QueueArgs.builder()
                .name(ResourceNames.karpenterInterruptionQueue(config))
                .messageRetentionSeconds(MESSAGE_RETENTION_SECONDS)
                .sqsManagedSseEnabled(true)
                .tags(NameTag.of(cluster + "-karpenter-interruptions"))
                .build(), child);
        this.queueName = queue.name();

        List<String> ruleArns = new ArrayList<>();
        List<Resource> targets = new ArrayList<>();
        for (InterruptionEvent event : EVENTS) {
            String ruleName = cluster + "-karpenter-" + event.name();
            var rule = new EventRule("karpenter-" + event.name(), EventRuleArgs.builder()
                    .name(ruleName)
                    .description("Karpenter interruption handling of " + cluster + ": " + event.detailType())
                    .eventPattern(event.pattern())
                    .tags(NameTag.of(ruleName))
                    .build(), child);
            targets.add(new EventTarget("karpenter-" + event.name(), EventTargetArgs.builder()
                    .rule(rule.name())
                    .targetId("KarpenterInterruptionQueueTarget")
                    .arn(queue.arn())
                    .build(), child));
            ruleArns.add("arn:aws:events:" + config.region() + ":" + config.accountId() + ":rule/" + ruleName);
        }

        // The template lets events.amazonaws.com and sqs.amazonaws.com send to the queue from anywhere; here only
        // EventBridge may, and only for this stack's rules (AWS's confused-deputy advice for EventBridge targets).
        // No AWS service sends on behalf of sqs.amazonaws.com to a queue, so that principal is left out.
        new QueuePolicy("karpenter-interruptions", QueuePolicyArgs.builder()
                .queueUrl(queue.url())
                .policy(queue.arn().applyValue(arn -> PolicyDocument.of(
                        Statement.allow("sqs:SendMessage").sid("EventBridgeRulesOfThisStack").service("events.amazonaws.com").on(arn)
                                .when("ArnEquals", "aws:SourceArn", ruleArns.toArray(String[]::new)),
                        Statement.deny("sqs:*").sid("DenyHTTP").aws("*").on(arn)
                                .when("Bool", "aws:SecureTransport", "false")).toJson()))
                .build(), child);

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("interruptionQueue", queueName);
        outputs.put("rules", Output.of(EVENTS.stream().map(InterruptionEvent::name).toList()));
        registerOutputs(outputs);
    }

    /** The queue's name, for the controller's {@code settings.interruptionQueue}. */
    public Output<String> interruptionQueueName() {
        return queueName;
    }

    /** The nodes' access entry: the pool must not launch a node before it exists (the node could not join). */
    public Resource nodeAccess() {
        return nodeAccess;
    }
}
