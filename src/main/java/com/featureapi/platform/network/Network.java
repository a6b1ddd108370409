package com.featureapi.platform.network;

import com.featureapi.platform.config.NatMode;
import com.featureapi.platform.config.NetworkConfig;
import com.featureapi.platform.config.SubnetConfig;
import com.featureapi.platform.config.SubnetRole;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.route53.ZoneAssociation;
import com.pulumi.aws.route53.ZoneAssociationArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VPC tier ({@code platform:network:Network}): a VPC with public, private and database subnets per AZ,
 * an internet gateway, NAT gateways (one, or one per AZ), route tables, flow logs, an emptied default
 * security group and an S3 gateway endpoint.
 *
 * <p>Every per-AZ resource is named after its AZ (never an index), so adding an AZ to the config adds
 * resources without renaming, and so without replacing, any existing subnet or NAT gateway.
 */
public final class Network extends ComponentResource {

    public static final String TYPE = "platform:network:Network";

    private final Output<String> vpcId;
    private final String vpcCidr;
    private final Map<SubnetRole, List<Output<String>>> subnetIds = new LinkedHashMap<>();
    private final Output<String> publicRouteTableId;
    private final List<Output<String>> privateRouteTableIds = new ArrayList<>();
    private final Output<String> databaseRouteTableId;

    public Network(String name, NetworkArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        NetworkConfig config = args.config();
        String prefix = args.namePrefix();
        var child = CustomResourceOptions.builder().parent(this).build();

        var vpc = new Vpc("vpc", VpcArgs.builder()
                .cidrBlock(config.vpcCidr())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(NameTag.of(prefix + "-vpc"))
                .build(), child);
        this.vpcId = vpc.id();
        this.vpcCidr = config.vpcCidr();

        // Adopting the default group strips all of its rules: nothing can be launched into it by accident.
        new DefaultSecurityGroup("default-security-group", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(NameTag.of(prefix + "-default-do-not-use"))
                .build(), child);

        // The role whose subnets the load balancer controller discovers for internal load balancers.
        SubnetRole internalLoadBalancers = config.internalLoadBalancerRole();
        var subnets = new LinkedHashMap<SubnetRole, Map<String, Subnet>>();
        for (SubnetRole role : SubnetRole.values()) {
            var byZone = new LinkedHashMap<String, Subnet>();
            for (SubnetConfig subnet : config.subnets(role)) {
                byZone.put(subnet.availabilityZone(), subnet(vpc, subnet, prefix, args.privateSubnetTags(), internalLoadBalancers, child));
            }
            subnets.put(role, byZone);
            subnetIds.put(role, byZone.values().stream().map(Subnet::id).toList());
        }

        var internetGateway = new InternetGateway("internet-gateway", InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(NameTag.of(prefix + "-igw"))
                .build(), child);

        var publicRoutes = new RouteTable("public", RouteTableArgs.builder()
                .vpcId(vpc.id())
                .tags(NameTag.of(prefix + "-public"))
                .build(), child);
        new Route("public-internet", RouteArgs.builder()
                .routeTableId(publicRoutes.id())
                .destinationCidrBlock("0.0.0.0/0")
                .gatewayId(internetGateway.id())
                .build(), child);
        associate("public", publicRoutes, subnets.get(SubnetRole.PUBLIC), child);
        this.publicRouteTableId = publicRoutes.id();

        Map<String, NatGateway> natByZone = natGateways(config, subnets.get(SubnetRole.PUBLIC), internetGateway, prefix, child);

        // One private route table per AZ in both NAT modes, so switching single -> perAz only changes routes.
        for (var entry : subnets.get(SubnetRole.PRIVATE).entrySet()) {
            String zone = entry.getKey();
            NatGateway nat = natByZone.getOrDefault(zone, natByZone.values().iterator().next());
            var table = new RouteTable("private-" + zone, RouteTableArgs.builder()
                    .vpcId(vpc.id())
                    .tags(NameTag.of(prefix + "-private-" + zone))
                    .build(), child);
            new Route("private-" + zone + "-nat", RouteArgs.builder()
                    .routeTableId(table.id())
                    .destinationCidrBlock("0.0.0.0/0")
                    .natGatewayId(nat.id())
                    .build(), child);
            new RouteTableAssociation("private-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(entry.getValue().id())
                    .routeTableId(table.id())
                    .build(), child);
            // A load-balancer subnet is routed as the private subnet of its AZ was when the ALB lived there: the same
            // paths to the VPN or peered networks an operator adds to that table, no internet gateway.
            Subnet loadBalancerSubnet = subnets.get(SubnetRole.LOAD_BALANCER).get(zone);
            if (loadBalancerSubnet != null) {
                new RouteTableAssociation("load-balancer-" + zone, RouteTableAssociationArgs.builder()
                        .subnetId(loadBalancerSubnet.id())
                        .routeTableId(table.id())
                        .build(), child);
            }
            privateRouteTableIds.add(table.id());
        }

        // Database subnets get a table with only the implicit local route: no path to or from the internet.
        var databaseRoutes = new RouteTable("database", RouteTableArgs.builder()
                .vpcId(vpc.id())
                .tags(NameTag.of(prefix + "-database"))
                .build(), child);
        associate("database", databaseRoutes, subnets.get(SubnetRole.DATABASE), child);
        this.databaseRouteTableId = databaseRoutes.id();

        var gatewayRouteTables = new ArrayList<>(privateRouteTableIds);
        gatewayRouteTables.add(databaseRoutes.id());
        new VpcEndpoint("s3-gateway", VpcEndpointArgs.builder()
                .vpcId(vpc.id())
                .serviceName("com.amazonaws." + args.region() + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(Output.all(gatewayRouteTables))
                .tags(NameTag.of(prefix + "-s3"))
                .build(), child);

        interfaceEndpoints(args, vpc, subnets.get(SubnetRole.PRIVATE), child);
        flowLogs(args, vpc.id(), child);
        args.privateHostedZoneId().ifPresent(zoneId -> privateHostedZone(zoneId, vpc, child));

        // An ordered map (not Map.of, whose order changes with every JVM): outputs are registered in a stable order.
        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("vpcId", vpcId);
        outputs.put("vpcCidr", Output.of(vpcCidr));
        outputs.put("publicSubnetIds", Output.all(subnetIds.get(SubnetRole.PUBLIC)));
        outputs.put("privateSubnetIds", Output.all(subnetIds.get(SubnetRole.PRIVATE)));
        outputs.put("databaseSubnetIds", Output.all(subnetIds.get(SubnetRole.DATABASE)));
        outputs.put("privateRouteTableIds", Output.all(privateRouteTableIds));
        outputs.put("publicRouteTableId", publicRouteTableId);
        outputs.put("databaseRouteTableId", databaseRouteTableId);
        registerOutputs(outputs);
    }

    public Output<String> vpcId() {
        return vpcId;
    }

    public String vpcCidr() {
        return vpcCidr;
    }

    /** The subnets of a role, one per AZ in the config's order. */
    public List<Output<String>> subnetIds(SubnetRole role) {
        return List.copyOf(subnetIds.get(role));
    }

    public Output<List<String>> subnetIdList(SubnetRole role) {
        return Output.all(subnetIds.get(role));
    }

    private Subnet subnet(Vpc vpc, SubnetConfig subnet, String prefix, Map<String, String> privateSubnetTags,
                          SubnetRole internalLoadBalancers, CustomResourceOptions child) {
        String name = subnet.role().resourceName() + "-" + subnet.availabilityZone();
        Map<String, String> tags = new LinkedHashMap<>(NameTag.of(prefix + "-" + name));
        tags.put("Tier", subnet.role().configName());
        // Subnet discovery tags of the AWS Load Balancer Controller: internet-facing ALBs in public subnets, internal
        // ones in the load-balancer subnets if the stack has them (then only there), else in the private subnets.
        if (subnet.role() == SubnetRole.PUBLIC) {
            tags.put("kubernetes.io/role/elb", "1");
        }
        if (subnet.role() == internalLoadBalancers) {
            tags.put("kubernetes.io/role/internal-elb", "1");
        }
        if (subnet.role() == SubnetRole.PRIVATE) {
            tags.putAll(new java.util.TreeMap<>(privateSubnetTags));
        }
        return new Subnet(name, SubnetArgs.builder()
                .vpcId(vpc.id())
                .availabilityZone(subnet.availabilityZone())
                .cidrBlock(subnet.cidr())
                // Nothing gets a public address by accident, not even in public subnets: NAT gateways
                // and load balancers bring their own.
                .mapPublicIpOnLaunch(false)
                .tags(tags)
                .build(), child);
    }

    private Map<String, NatGateway> natGateways(NetworkConfig config, Map<String, Subnet> publicSubnets,
                                                InternetGateway internetGateway, String prefix, CustomResourceOptions child) {
        List<String> zones = config.natGateways() == NatMode.PER_AZ
                ? List.copyOf(publicSubnets.keySet())
                : List.of(publicSubnets.keySet().iterator().next());
        var result = new LinkedHashMap<String, NatGateway>();
        for (String zone : zones) {
            var eip = new Eip("nat-" + zone, EipArgs.builder()
                    .domain("vpc")
                    .tags(NameTag.of(prefix + "-nat-" + zone))
                    .build(), child);
            result.put(zone, new NatGateway("nat-" + zone, NatGatewayArgs.builder()
                    .allocationId(eip.id())
                    .subnetId(publicSubnets.get(zone).id())
                    .tags(NameTag.of(prefix + "-nat-" + zone))
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(internetGateway).build()));
        }
        return result;
    }

    private void associate(String tableName, RouteTable table, Map<String, Subnet> subnets, CustomResourceOptions child) {
        subnets.forEach((zone, subnet) -> new RouteTableAssociation(tableName + "-" + zone, RouteTableAssociationArgs.builder()
                .subnetId(subnet.id())
                .routeTableId(table.id())
                .build(), child));
    }

    /**
     * Associates the private hosted zone of {@code platform:dns} with this VPC: without it, the VPC's resolver never
     * consults the zone and the record external-dns writes for the app's hostname does not resolve inside the VPC.
     * The zone itself is a prerequisite (Route 53 creates a private zone only together with a first VPC, which can only
     * be one that exists before this stack); this association is the stack's own and goes with it on destroy. The
     * region is the provider's. A zone of another account needs its owner's VPC association authorization first
     * (README, DNS).
     */
    private void privateHostedZone(String zoneId, Vpc vpc, CustomResourceOptions child) {
        new ZoneAssociation("private-hosted-zone", ZoneAssociationArgs.builder()
                .zoneId(zoneId)
                .vpcId(vpc.id())
                .build(), child);
    }

    private void interfaceEndpoints(NetworkArgs args, Vpc vpc, Map<String, Subnet> privateSubnets, CustomResourceOptions child) {
        if (args.config().interfaceEndpoints().isEmpty()) {
            return;
        }
        var endpointGroup = new SecurityGroup("interface-endpoints", SecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .description("HTTPS from inside the VPC to AWS interface endpoints")
                .tags(NameTag.of(args.namePrefix() + "-interface-endpoints"))
                .build(), child);
        new SecurityGroupIngressRule("interface-endpoints-https", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(endpointGroup.id())
                .description("HTTPS from the VPC")
                .ipProtocol("tcp")
                .fromPort(443)
                .toPort(443)
                .cidrIpv4(args.config().vpcCidr())
                .build(), child);
        List<Output<String>> subnetIds = privateSubnets.values().stream().map(Subnet::id).toList();
        for (String service : args.config().interfaceEndpoints()) {
            new VpcEndpoint(service.replace('.', '-'), VpcEndpointArgs.builder()
                    .vpcId(vpc.id())
                    .serviceName("com.amazonaws." + args.region() + "." + service)
                    .vpcEndpointType("Interface")
                    .privateDnsEnabled(true)
                    .subnetIds(Output.all(subnetIds))
                    .securityGroupIds(endpointGroup.id().applyValue(List::of))
                    .tags(NameTag.of(args.namePrefix() + "-" + service))
                    .build(), child);
        }
    }

    /** VPC flow logs into a CloudWatch log group encrypted with the logs key, delivered by the security tier's role. */
    private void flowLogs(NetworkArgs args, Output<String> vpcId, CustomResourceOptions child) {
        String prefix = args.namePrefix();
        var logGroup = new LogGroup("flow-logs", LogGroupArgs.builder()
                .name(ResourceNames.flowLogGroup(prefix))
                .retentionInDays(args.config().flowLogRetentionDays())
                .kmsKeyId(args.logsKeyArn())
                .tags(NameTag.of(prefix + "-flow-logs"))
                .build(), child);
        new FlowLog("vpc", FlowLogArgs.builder()
                .vpcId(vpcId)
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(logGroup.arn())
                .iamRoleArn(args.flowLogRoleArn())
                .maxAggregationInterval(60)
                .tags(NameTag.of(prefix + "-flow-logs"))
                .build(), child);
    }
}
