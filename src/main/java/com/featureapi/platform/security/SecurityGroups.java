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
import java.util.List;
import java.util.Map;

/**
 * The security groups of seed 002 ({@code platform:security:SecurityGroups}), wired group to group. Every
 * rule is its own {@code SecurityGroupIngressRule}/{@code SecurityGroupEgressRule} with a description;
 * no group has inline rules, so the two styles never fight. A group created this way starts with no
 * egress at all (the provider removes AWS's default allow-all rule), so every open path is listed here.
 *
 * <p>The load balancer controller attaches the {@code alb} group to the app's ALB (the Ingress names it) and, without
 * {@code manage-backend-security-group-rules}, changes no group: every rule that lets the ALB reach the pods is here.
 *
 * <p>Open to the internet: only the load balancer's 80 and 443. Egress to the internet: only the nodes'
 * 443 (AWS APIs, ECR and image registries through the NAT gateway; EKS needs it, see README).
 */
public final class SecurityGroups extends ComponentResource {

    public static final String TYPE = "platform:security:SecurityGroups";
    private static final String ANYWHERE = "0.0.0.0/0";
    /**
     * The port the ALB sends requests and health checks to: the app's container port (charts/feature-api, port
     * {@code http}). The Ingress uses target type {@code ip}, so the ALB reaches pod IPs directly; pods use the nodes'
     * network interfaces (VPC CNI without security groups for pods), so the node group admits it. No NodePort: the
     * pack refuses Services of that type (k8s-service-type).
     */
    public static final int APP_TARGET_PORT = 3000;

    /**
     * A port on the nodes that the control plane must reach: the API server calls admission webhooks, API
     * services (metrics) and the kubelet there. With the node security group set in the launch template, EKS
     * attaches no cluster security group to the nodes, so each port needs its own rule.
     *
     * @param port       the TCP port
     * @param ruleSuffix suffix of the rules' logical names (stable: a rename would replace the rules)
     * @param summary    the rules' description
     * @param servedBy   what listens there, in the versions pinned by the Kubernetes tier
     */
    public record ControlPlanePort(int port, String ruleSuffix, String summary, String servedBy) {
    }

    /**
     * Every port the control plane opens on the nodes, from one list, following terraform-aws-eks'
     * {@code node_security_group_rules} and {@code node_security_group_recommended_rules}, reduced to what the
     * charts this platform pins actually serve (shared/reference/versions.md). The Kubernetes tier configures
     * its webhooks on these ports; a chart that serves a webhook elsewhere (Karpenter 8443, prometheus-adapter
     * 6443, metrics-server before chart 3.x 4443) must add its port here, or the API server times out on it.
     */
    public static final List<ControlPlanePort> CONTROL_PLANE_TO_NODE_WEBHOOK_PORTS = List.of(
            new ControlPlanePort(443, "https", "admission webhooks and API services on 443",
                    "admission webhooks and API services served on 443"),
            new ControlPlanePort(9443, "webhook-9443", "AWS Load Balancer Controller webhook",
                    "AWS Load Balancer Controller webhook (chart 3.5.0, webhook-server 9443)"),
            new ControlPlanePort(10250, "kubelet", "kubelet, metrics-server, External Secrets and Prometheus Operator webhooks",
                    "kubelet API (logs, exec, port-forward); metrics-server (chart 3.13.1, "
                    + "containerPort 10250); External Secrets webhook (chart 2.9.0, webhook.port 10250); Prometheus "
                    + "Operator admission webhook (kube-prometheus-stack 88.5.3, tls.internalPort 10250)"));

    private final Map<GroupRole, Output<String>> groupIds = new EnumMap<>(GroupRole.class);

    private static Map<String, String> groupTags(SecurityGroupsArgs args, GroupRole role) {
        Map<String, String> tags = new java.util.TreeMap<>(NameTag.of(args.namePrefix() + "-" + role.key()));
        if (role == GroupRole.NODE) {
            tags.putAll(args.nodeGroupTags());
        }
        return tags;
    }
    private final CustomResourceOptions child;

    public SecurityGroups(String name, SecurityGroupsArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.child = CustomResourceOptions.builder().parent(this).build();
        for (GroupRole role : GroupRole.values()) {
            var group = new SecurityGroup(role.key(), SecurityGroupArgs.builder()
                    .vpcId(args.vpcId())
                    .description(role.description())
                    .tags(groupTags(args, role))
                    .build(), child);
            groupIds.put(role, group.id());
        }
        Output<String> alb = groupIds.get(GroupRole.ALB);
        Output<String> node = groupIds.get(GroupRole.NODE);
        Output<String> cluster = groupIds.get(GroupRole.CLUSTER);

        // The one documented exemption: the public load balancer takes HTTP (redirected) and HTTPS from anywhere.
        ingressFromCidr("alb-http", alb, 80, ANYWHERE, "HTTP from the internet (redirected to HTTPS by the ALB)");
        ingressFromCidr("alb-https", alb, 443, ANYWHERE, "HTTPS from the internet");
        egressToGroup("alb-to-nodes", alb, "tcp", APP_TARGET_PORT, APP_TARGET_PORT, node, "To the app's pods (target type ip) on the nodes");

        ingressFromGroup("node-from-alb", node, "tcp", APP_TARGET_PORT, APP_TARGET_PORT, alb, "Requests and health checks from the load balancer to the app's pods");
        for (ControlPlanePort port : CONTROL_PLANE_TO_NODE_WEBHOOK_PORTS) {
            ingressFromGroup("node-from-cluster-" + port.ruleSuffix(), node, "tcp", port.port(), port.port(), cluster,
                    description("From the control plane: ", port));
            egressToGroup("cluster-to-nodes-" + port.ruleSuffix(), cluster, "tcp", port.port(), port.port(), node,
                    description("To the nodes: ", port));
        }
        ingressFromGroup("node-from-node", node, "-1", null, null, node, "Pod and node traffic between nodes (CNI, CoreDNS)");
        egressToGroup("node-to-node", node, "-1", null, null, node, "Pod and node traffic between nodes (CNI, CoreDNS)");
        egressToGroup("node-to-cluster", node, "tcp", 443, 443, cluster, "Kubernetes API");
        egressToGroup("node-to-database", node, "tcp", 5432, 5432, groupIds.get(GroupRole.DATABASE), "PostgreSQL");
        egressToGroup("node-to-cache", node, "tcp", 6379, 6379, groupIds.get(GroupRole.CACHE), "Redis");
        egressToCidr("node-dns-udp", node, "udp", 53, args.vpcCidr(), "DNS to the VPC resolver");
        egressToCidr("node-dns-tcp", node, "tcp", 53, args.vpcCidr(), "DNS over TCP to the VPC resolver");
        egressToCidr("node-https", node, "tcp", 443, ANYWHERE, "HTTPS to AWS APIs, ECR and image registries through NAT (required by EKS nodes)");

        ingressFromGroup("cluster-from-nodes", cluster, "tcp", 443, 443, node, "Kubernetes API from the nodes");
        // The private endpoint's only other clients: the networks listed in platform:cluster.endpointPrivateAccessCidrs
        // (VPN, a deploy runner inside the VPC); config refuses 0.0.0.0/0.
        for (String cidr : args.apiClientCidrs()) {
            ingressFromCidr("cluster-from-" + cidr.replace('/', '-'), cluster, 443, cidr,
                    "Kubernetes API (private endpoint) from " + cidr + " (platform:cluster.endpointPrivateAccessCidrs)");
        }

        ingressFromGroup("database-from-nodes", groupIds.get(GroupRole.DATABASE), "tcp", 5432, 5432, node, "PostgreSQL from the nodes");
        ingressFromGroup("cache-from-nodes", groupIds.get(GroupRole.CACHE), "tcp", 6379, 6379, node, "Redis from the nodes");

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        groupIds.forEach((role, id) -> outputs.put(role.key() + "SecurityGroupId", id));
        registerOutputs(outputs);
    }

    private static String description(String prefix, ControlPlanePort port) {
        return prefix + port.summary() + " (tcp " + port.port() + ")";
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
