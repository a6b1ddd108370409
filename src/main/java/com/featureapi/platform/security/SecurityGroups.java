package com.featureapi.platform.security;

import com.featureapi.platform.naming.NameTag;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security groups of seed 002 ({@code platform:security:SecurityGroups}), wired group to group. Every
 * rule is its own {@code SecurityGroupIngressRule}/{@code SecurityGroupEgressRule} with a description;
 * no group has inline rules, so the two styles never fight. A group created this way starts with no
 * egress at all (the provider removes AWS's default allow-all rule), so every open path is listed here.
 *
 * <p>Open to the internet: only the load balancer's 80 and 443. Egress to the internet: only the nodes'
 * 443 (AWS APIs, ECR and image registries through the NAT gateway; EKS needs it, see README).
 */
public final class SecurityGroups extends ComponentResource {

    public static final String TYPE = "platform:security:SecurityGroups";
    private static final String ANYWHERE = "0.0.0.0/0";
    /** Kubernetes NodePort range: the ALB reaches services in instance target mode (seed 002). */
    private static final int NODE_PORT_FROM = 30000;
    private static final int NODE_PORT_TO = 32767;

    private final Map<GroupRole, Output<String>> groupIds = new EnumMap<>(GroupRole.class);
    private final CustomResourceOptions child;

    public SecurityGroups(String name, SecurityGroupsArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.child = CustomResourceOptions.builder().parent(this).build();
        for (GroupRole role : GroupRole.values()) {
            var group = new SecurityGroup(role.key(), SecurityGroupArgs.builder()
                    .vpcId(args.vpcId())
                    .description(role.description())
                    .tags(NameTag.of(args.namePrefix() + "-" + role.key()))
                    .build(), child);
            groupIds.put(role, group.id());
        }
        Output<String> alb = groupIds.get(GroupRole.ALB);
        Output<String> node = groupIds.get(GroupRole.NODE);
        Output<String> cluster = groupIds.get(GroupRole.CLUSTER);

        // The one documented exemption: the public load balancer takes HTTP (redirected) and HTTPS from anywhere.
        ingressFromCidr("alb-http", alb, 80, ANYWHERE, "HTTP from the internet (redirected to HTTPS by the ALB)");
        ingressFromCidr("alb-https", alb, 443, ANYWHERE, "HTTPS from the internet");
        egressToGroup("alb-to-nodes", alb, "tcp", NODE_PORT_FROM, NODE_PORT_TO, node, "To services on the nodes' NodePorts");

        ingressFromGroup("node-from-alb", node, "tcp", NODE_PORT_FROM, NODE_PORT_TO, alb, "NodePorts from the load balancer");
        ingressFromGroup("node-from-cluster-https", node, "tcp", 443, 443, cluster, "Admission webhooks and API services from the control plane");
        ingressFromGroup("node-from-cluster-kubelet", node, "tcp", 10250, 10250, cluster, "Kubelet API from the control plane (logs, exec, metrics)");
        ingressFromGroup("node-from-node", node, "-1", null, null, node, "Pod and node traffic between nodes (CNI, CoreDNS)");
        egressToGroup("node-to-node", node, "-1", null, null, node, "Pod and node traffic between nodes (CNI, CoreDNS)");
        egressToGroup("node-to-cluster", node, "tcp", 443, 443, cluster, "Kubernetes API");
        egressToGroup("node-to-database", node, "tcp", 5432, 5432, groupIds.get(GroupRole.DATABASE), "PostgreSQL");
        egressToGroup("node-to-cache", node, "tcp", 6379, 6379, groupIds.get(GroupRole.CACHE), "Redis");
        egressToCidr("node-dns-udp", node, "udp", 53, args.vpcCidr(), "DNS to the VPC resolver");
        egressToCidr("node-dns-tcp", node, "tcp", 53, args.vpcCidr(), "DNS over TCP to the VPC resolver");
        egressToCidr("node-https", node, "tcp", 443, ANYWHERE, "HTTPS to AWS APIs, ECR and image registries through NAT (required by EKS nodes)");

        ingressFromGroup("cluster-from-nodes", cluster, "tcp", 443, 443, node, "Kubernetes API from the nodes");
        egressToGroup("cluster-to-nodes-https", cluster, "tcp", 443, 443, node, "Admission webhooks on the nodes");
        egressToGroup("cluster-to-nodes-kubelet", cluster, "tcp", 10250, 10250, node, "Kubelet API on the nodes");

        ingressFromGroup("database-from-nodes", groupIds.get(GroupRole.DATABASE), "tcp", 5432, 5432, node, "PostgreSQL from the nodes");
        ingressFromGroup("cache-from-nodes", groupIds.get(GroupRole.CACHE), "tcp", 6379, 6379, node, "Redis from the nodes");

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        groupIds.forEach((role, id) -> outputs.put(role.key() + "SecurityGroupId", id));
        registerOutputs(outputs);
    }

    public Output<String> groupId(GroupRole role) {
        return groupIds.get(role);
    }

    private void ingressFromGroup(String name, Output<String> group, String protocol, Integer from, Integer to,
                                  Output<String> source, String description) {
        var rule = SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(group).referencedSecurityGroupId(source).ipProtocol(protocol).description(description);
        if (from != null) {
            rule.fromPort(from).toPort(to);
        }
        new SecurityGroupIngressRule(name, rule.build(), child);
    }

    private void ingressFromCidr(String name, Output<String> group, int port, String cidr, String description) {
        new SecurityGroupIngressRule(name, SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(group).cidrIpv4(cidr).ipProtocol("tcp")
                .fromPort(port).toPort(port).description(description).build(), child);
    }

    private void egressToGroup(String name, Output<String> group, String protocol, Integer from, Integer to,
                               Output<String> destination, String description) {
        var rule = SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(group).referencedSecurityGroupId(destination).ipProtocol(protocol).description(description);
        if (from != null) {
            // Protocol "-1" (all) takes no port range.
            rule.fromPort(from).toPort(to);
        }
        new SecurityGroupEgressRule(name, rule.build(), child);
    }

    private void egressToCidr(String name, Output<String> group, String protocol, int port, String cidr, String description) {
        new SecurityGroupEgressRule(name, SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(group).cidrIpv4(cidr).ipProtocol(protocol)
                .fromPort(port).toPort(port).description(description).build(), child);
    }
}
