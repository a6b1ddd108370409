package com.featureapi.platform.network;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NetworkTierTest {

    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String ROUTE = "aws:ec2/route:Route";
    private static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
    private static final String ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    private static final String NAT = "aws:ec2/natGateway:NatGateway";

    /** The route-table URN a route or association points at, found through its property dependency. */
    private static String tableOf(Plan plan, PlannedResource resource) {
        return resource.propertyDependencies().get("routeTableId").get(0);
    }

    private static List<PlannedResource> routesOf(Plan plan, String tableName) {
        String table = plan.one(ROUTE_TABLE, tableName).urn();
        return plan.ofType(ROUTE).stream().filter(r -> tableOf(plan, r).equals(table)).toList();
    }

    /** Types only the network tier creates (selected by type, not by URN: a resource without a parent has no tier in its URN). */
    private static final List<String> NETWORK_TYPES = List.of("aws:ec2/vpc:Vpc", SUBNET, ROUTE, ROUTE_TABLE, ASSOCIATION, NAT,
            "aws:ec2/eip:Eip", "aws:ec2/internetGateway:InternetGateway", "aws:ec2/flowLog:FlowLog", "aws:ec2/vpcEndpoint:VpcEndpoint",
            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:route53/zoneAssociation:ZoneAssociation");

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyResourceOfTheTierIsAChildOfTheComponent(String stack) {
        Plan plan = PlannedStacks.of(stack);
        String component = plan.one("platform:network:Network", "network").urn();
        List<PlannedResource> networkResources = new java.util.ArrayList<>(plan.where(r -> NETWORK_TYPES.contains(r.type())));
        networkResources.add(plan.one("aws:cloudwatch/logGroup:LogGroup", "flow-logs"));
        // Staging's are its three load-balancer subnets with their route-table associations and the association of
        // its private hosted zone (platform:dns.privateZone).
        assertThat(networkResources).hasSize(stack.equals("production") ? 39 : 42);
        // Exactly these are the component's children: none escaped it, and it holds nothing else.
        assertThat(plan.where(r -> r.parent().equals(component))).containsExactlyInAnyOrderElementsOf(networkResources);
        assertThat(networkResources).allSatisfy(r ->
                assertThat(r.provider()).startsWith("urn:pulumi:" + stack + "::platform::pulumi:providers:aws::aws::"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theComponentRegistersTheIdsTheStackExportsAndItsRouteTables(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource network = plan.one("platform:network:Network", "network");
        assertThat(network.registeredOutputs()).containsOnlyKeys("vpcId", "vpcCidr", "publicSubnetIds", "privateSubnetIds",
                "databaseSubnetIds", "privateRouteTableIds", "publicRouteTableId", "databaseRouteTableId");
        assertThat(network.registeredOutput("vpcId")).isEqualTo(plan.outputs().get("vpcId")).asString().startsWith("vpc-");
        assertThat(network.registeredOutput("vpcCidr")).isEqualTo("10.0.0.0/16");
        for (String role : List.of("publicSubnetIds", "privateSubnetIds", "databaseSubnetIds")) {
            assertThat(network.registeredOutput(role)).as(role).isEqualTo(plan.outputs().get(role)).asList().hasSize(3);
        }
        assertThat(network.registeredOutput("privateRouteTableIds")).asList().hasSize(3).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat((String) id).startsWith("rtb-"));
        assertThat(List.of(network.registeredOutput("publicRouteTableId"), network.registeredOutput("databaseRouteTableId")))
                .allSatisfy(id -> assertThat((String) id).startsWith("rtb-")).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf((List<?>) network.registeredOutput("privateRouteTableIds"));
        // The VPC's CIDR reaches its consumer: the nodes' DNS egress to the VPC resolver (security tier).
        assertThat(plan.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").stream()
                .filter(r -> Long.valueOf(53).equals(r.input("fromPort"))).map(r -> r.input("cidrIpv4")).toList())
                .containsExactly("10.0.0.0/16", "10.0.0.0/16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void subnetsCarryTheConfiguredCidrsPerZoneAndRole(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.where(r -> r.type().equals(SUBNET) && !r.name().startsWith("load-balancer-"))).extracting(PlannedResource::name, r -> r.input("cidrBlock"), r -> r.input("availabilityZone"),
                r -> r.input("mapPublicIpOnLaunch")).containsExactlyInAnyOrder(
                tuple("public-us-east-1a", "10.0.1.0/24", "us-east-1a", false),
                tuple("public-us-east-1b", "10.0.2.0/24", "us-east-1b", false),
                tuple("public-us-east-1c", "10.0.3.0/24", "us-east-1c", false),
                // Production's private subnets are /22: room for every pod at maxSize (PodAddressCapacity).
                tuple("private-us-east-1a", stack.equals("production") ? "10.0.16.0/22" : "10.0.10.0/24", "us-east-1a", false),
                tuple("private-us-east-1b", stack.equals("production") ? "10.0.20.0/22" : "10.0.20.0/24", "us-east-1b", false),
                tuple("private-us-east-1c", stack.equals("production") ? "10.0.24.0/22" : "10.0.30.0/24", "us-east-1c", false),
                tuple("database-us-east-1a", "10.0.100.0/24", "us-east-1a", false),
                tuple("database-us-east-1b", "10.0.200.0/24", "us-east-1b", false),
                tuple("database-us-east-1c", "10.0.201.0/24", "us-east-1c", false));
        assertThat(plan.one(SUBNET, "public-us-east-1a").input("tags")).isEqualTo(
                Map.of("Name", "platform-" + stack + "-public-us-east-1a", "Tier", "public", "kubernetes.io/role/elb", "1"));
        Map<String, String> privateTags = new java.util.TreeMap<>(
                Map.of("Name", "platform-" + stack + "-private-us-east-1b", "Tier", "private"));
        if (stack.equals("staging")) {
            privateTags.put("karpenter.sh/discovery", "platform-staging"); // the staging fixture has the spot pool
        } else {
            // Without load-balancer subnets, internal load balancers are discovered in the private subnets.
            privateTags.put("kubernetes.io/role/internal-elb", "1");
        }
        assertThat(plan.one(SUBNET, "private-us-east-1b").input("tags")).isEqualTo(privateTags);
    }

    /** Staging's internal ALB has subnets of its own (issue 21 item 12), so the app's NetworkPolicy need not admit the pods' range. */
    @Nested
    class LoadBalancerSubnets {

        @Test
        void stagingHasOneInEachAzTaggedForInternalLoadBalancersAndRoutedLikeThePrivateSubnetThere() {
            Plan plan = PlannedStacks.of("staging");
            assertThat(plan.where(r -> r.type().equals(SUBNET) && r.name().startsWith("load-balancer-")))
                    .extracting(PlannedResource::name, r -> r.input("cidrBlock"), r -> r.input("availabilityZone"), r -> r.input("mapPublicIpOnLaunch"))
                    .containsExactly(
                            tuple("load-balancer-us-east-1a", "10.0.4.0/24", "us-east-1a", false),
                            tuple("load-balancer-us-east-1b", "10.0.5.0/24", "us-east-1b", false),
                            tuple("load-balancer-us-east-1c", "10.0.6.0/24", "us-east-1c", false));
            assertThat(plan.one(SUBNET, "load-balancer-us-east-1b").input("tags")).isEqualTo(Map.of(
                    "Name", "platform-staging-load-balancer-us-east-1b", "Tier", "loadBalancer", "kubernetes.io/role/internal-elb", "1"));
            // The controller discovers internal load balancers' subnets by that tag: it is on these subnets only.
            assertThat(plan.ofType(SUBNET).stream().filter(r -> ((Map<?, ?>) r.input("tags")).containsKey("kubernetes.io/role/internal-elb"))
                    .map(PlannedResource::name)).containsExactlyInAnyOrder("load-balancer-us-east-1a", "load-balancer-us-east-1b", "load-balancer-us-east-1c");
            for (String zone : List.of("us-east-1a", "us-east-1b", "us-east-1c")) {
                PlannedResource association = plan.one(ASSOCIATION, "load-balancer-" + zone);
                assertThat(association.propertyDependencies().get("subnetId")).containsExactly(plan.one(SUBNET, "load-balancer-" + zone).urn());
                assertThat(tableOf(plan, association)).isEqualTo(plan.one(ROUTE_TABLE, "private-" + zone).urn());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"staging", "production"})
        @SuppressWarnings("unchecked")
        void theIngressNamesTheAlbsSubnetsAndTheAppAdmitsTheirAddresses(String stack) {
            // The load balancer controller discovers subnets only when it creates an ALB (it keeps an existing ALB's):
            // the Ingress names them, so that a stack which gains load-balancer subnets moves its ALB there.
            Plan plan = PlannedStacks.of(stack);
            PlannedResource release = plan.one("kubernetes:helm.sh/v3:Release", "feature-api");
            List<String> subnetIds = (List<String>) release.input("values.ingress.subnetIds");
            PlannedResource ingress = plan.one("kubernetes:networking.k8s.io/v1:Ingress", "feature-api/feature-api");
            assertThat(((Map<String, String>) ingress.input("metadata.annotations")).get("alb.ingress.kubernetes.io/subnets"))
                    .isEqualTo(String.join(",", subnetIds));
            String role = stack.equals("staging") ? "load-balancer-" : "public-";
            List<String> roleSubnets = plan.where(r -> r.type().equals(SUBNET) && r.name().startsWith(role)).stream().map(PlannedResource::urn).toList();
            assertThat(roleSubnets).hasSize(3);
            // The release's values come from exactly those subnets (by reference) and no others.
            assertThat(release.propertyDependencies().get("values")).containsAll(roleSubnets)
                    .noneMatch(urn -> plan.ofType(SUBNET).stream().anyMatch(s -> s.urn().equals(urn) && !roleSubnets.contains(urn)));
            assertThat(subnetIds).hasSize(3).doesNotHaveDuplicates().allMatch(id -> id.startsWith("subnet-"))
                    .doesNotContainAnyElementsOf((List<String>) plan.outputs().get("privateSubnetIds"));
            if (stack.equals("production")) {
                assertThat(subnetIds).isEqualTo(plan.outputs().get("publicSubnetIds"));
            }
            assertThat(release.input("values.networkPolicy.loadBalancerCidrs")).isEqualTo(stack.equals("staging")
                    ? List.of("10.0.4.0/24", "10.0.5.0/24", "10.0.6.0/24") : List.of("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"));
        }

        @Test
        void productionHasNoneAndKeepsInternalLoadBalancersInThePrivateSubnets() {
            Plan plan = PlannedStacks.of("production");
            assertThat(plan.where(r -> r.name().startsWith("load-balancer-us-east-1"))).isEmpty();
            assertThat(plan.ofType(SUBNET).stream().filter(r -> ((Map<?, ?>) r.input("tags")).containsKey("kubernetes.io/role/internal-elb"))
                    .map(PlannedResource::name)).containsExactlyInAnyOrder("private-us-east-1a", "private-us-east-1b", "private-us-east-1c");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void vpcHasDnsAndTheProviderCarriesTheDefaultTags(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource vpc = plan.one("aws:ec2/vpc:Vpc", "vpc");
        assertThat(vpc.input("cidrBlock")).isEqualTo("10.0.0.0/16");
        assertThat(vpc.input("enableDnsSupport")).isEqualTo(true);
        assertThat(vpc.input("enableDnsHostnames")).isEqualTo(true);
        PlannedResource provider = plan.one("pulumi:providers:aws", "aws");
        assertThat(provider.input("region")).isEqualTo("us-east-1");
        // Provider inputs travel as JSON text.
        assertThat(provider.input("defaultTags")).isEqualTo("{\"tags\":{\"CostCenter\":\"feature-api\",\"Environment\":\"" + stack
                + "\",\"ManagedBy\":\"pulumi\",\"Owner\":\"platform-team\",\"Project\":\"platform\",\"Stack\":\"" + stack + "\"}}");
        assertThat(provider.input("allowedAccountIds")).isEqualTo(stack.equals("production") ? "[\"222222222222\"]" : "[\"111111111111\"]");
    }

    @Test
    void stagingHasOneNatGatewayThatEveryPrivateTableUses() {
        Plan plan = PlannedStacks.of("staging");
        assertThat(plan.ofType(NAT)).extracting(PlannedResource::name).containsExactly("nat-us-east-1a");
        assertThat(plan.ofType("aws:ec2/eip:Eip")).extracting(r -> r.input("domain")).containsExactly("vpc");
        String nat = plan.one(NAT, "nat-us-east-1a").urn();
        for (String zone : List.of("us-east-1a", "us-east-1b", "us-east-1c")) {
            assertThat(routesOf(plan, "private-" + zone)).singleElement().satisfies(route -> {
                assertThat(route.input("destinationCidrBlock")).isEqualTo("0.0.0.0/0");
                assertThat(route.propertyDependencies().get("natGatewayId")).containsExactly(nat);
            });
        }
    }

    @Test
    void productionHasOneNatGatewayPerZoneUsedByThatZonesTable() {
        Plan plan = PlannedStacks.of("production");
        assertThat(plan.ofType(NAT)).hasSize(3);
        for (String zone : List.of("us-east-1a", "us-east-1b", "us-east-1c")) {
            PlannedResource nat = plan.one(NAT, "nat-" + zone);
            assertThat(nat.propertyDependencies().get("subnetId")).containsExactly(plan.one(SUBNET, "public-" + zone).urn());
            assertThat(nat.dependencies()).contains(plan.one("aws:ec2/internetGateway:InternetGateway", "internet-gateway").urn());
            assertThat(routesOf(plan, "private-" + zone)).singleElement().satisfies(route ->
                    assertThat(route.propertyDependencies().get("natGatewayId")).containsExactly(nat.urn()));
        }
    }

    @Nested
    class RouteTables {
        @ParameterizedTest
        @ValueSource(strings = {"staging", "production"})
        void publicTableRoutesToTheInternetGateway(String stack) {
            Plan plan = PlannedStacks.of(stack);
            String igw = plan.one("aws:ec2/internetGateway:InternetGateway", "internet-gateway").urn();
            assertThat(routesOf(plan, "public")).singleElement().satisfies(route -> {
                assertThat(route.input("destinationCidrBlock")).isEqualTo("0.0.0.0/0");
                assertThat(route.propertyDependencies().get("gatewayId")).containsExactly(igw);
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"staging", "production"})
        void databaseTableHasNoRouteAtAll(String stack) {
            Plan plan = PlannedStacks.of(stack);
            assertThat(routesOf(plan, "database")).isEmpty();
            assertThat(plan.one(ROUTE_TABLE, "database").inputs()).doesNotContainKeys("routes", "route");
        }

        @ParameterizedTest
        @ValueSource(strings = {"staging", "production"})
        void eachSubnetIsAssociatedWithTheTableOfItsRole(String stack) {
            Plan plan = PlannedStacks.of(stack);
            for (PlannedResource association : plan.ofType(ASSOCIATION)) {
                String subnetName = plan.byUrn(association.propertyDependencies().get("subnetId").get(0)).name();
                String tableName = plan.byUrn(tableOf(plan, association)).name();
                // A load-balancer subnet shares the private table of its AZ.
                String expectedTable = subnetName.startsWith("private-") ? subnetName
                        : subnetName.startsWith("load-balancer-") ? subnetName.replace("load-balancer-", "private-")
                        : subnetName.substring(0, subnetName.indexOf('-'));
                assertThat(tableName).as("table of " + subnetName).isEqualTo(expectedTable);
            }
            assertThat(plan.ofType(ASSOCIATION)).hasSize(stack.equals("staging") ? 12 : 9);
        }

        @ParameterizedTest
        @ValueSource(strings = {"staging", "production"})
        void noDatabaseSubnetCanReachTheInternet(String stack) {
            Plan plan = PlannedStacks.of(stack);
            List<String> databaseTables = plan.ofType(ASSOCIATION).stream()
                    .filter(a -> plan.byUrn(a.propertyDependencies().get("subnetId").get(0)).name().startsWith("database-"))
                    .map(a -> tableOf(plan, a)).distinct().toList();
            assertThat(databaseTables).containsExactly(plan.one(ROUTE_TABLE, "database").urn());
            assertThat(plan.ofType(ROUTE)).noneMatch(r -> databaseTables.contains(tableOf(plan, r)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void defaultSecurityGroupIsAdoptedWithoutRules(String stack) {
        PlannedResource group = PlannedStacks.of(stack).one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default-security-group");
        assertThat(group.inputs()).doesNotContainKeys("ingress", "egress");
        assertThat(group.propertyDependencies().get("vpcId")).hasSize(1);
    }

    @Test
    void flowLogsGoToAnEncryptedGroupWithTheConfiguredRetentionThroughAScopedRole() {
        for (var stackAndDays : Map.of("staging", 30, "production", 365).entrySet()) {
            Plan plan = PlannedStacks.of(stackAndDays.getKey());
            PlannedResource group = plan.one("aws:cloudwatch/logGroup:LogGroup", "flow-logs");
            assertThat(group.input("retentionInDays")).isEqualTo((long) stackAndDays.getValue());
            assertThat(group.input("name")).isEqualTo("/aws/vpc/platform-" + stackAndDays.getKey() + "/flow-logs");
            assertThat(group.propertyDependencies().get("kmsKeyId")).containsExactly(plan.one("aws:kms/key:Key", "logs").urn());
            PlannedResource flowLog = plan.one("aws:ec2/flowLog:FlowLog", "vpc");
            assertThat(flowLog.input("trafficType")).isEqualTo("ALL");
            assertThat(flowLog.input("logDestinationType")).isEqualTo("cloud-watch-logs");
            assertThat(flowLog.propertyDependencies().get("logDestination")).containsExactly(group.urn());
            assertThat(flowLog.propertyDependencies().get("iamRoleArn")).contains(plan.one("aws:iam/role:Role", "flow-logs").urn());
            String policy = (String) plan.one("aws:iam/rolePolicy:RolePolicy", "flow-logs").input("policy");
            String groupArn = "arn:aws:logs:us-east-1:" + (stackAndDays.getKey().equals("staging") ? "111111111111" : "222222222222")
                    + ":log-group:/aws/vpc/platform-" + stackAndDays.getKey() + "/flow-logs";
            assertThat(policy).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DeliverToTheFlowLogGroup\",\"Effect\":\"Allow\","
                    + "\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\",\"logs:DescribeLogStreams\"],"
                    + "\"Resource\":[\"" + groupArn + "\",\"" + groupArn + ":*\"]},"
                    + "{\"Sid\":\"FindTheFlowLogGroup\",\"Effect\":\"Allow\",\"Action\":\"logs:DescribeLogGroups\","
                    + "\"Resource\":\"" + groupArn.substring(0, groupArn.indexOf(":log-group:")) + ":log-group:*\"}]}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void s3GatewayEndpointServesThePrivateAndDatabaseTables(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource endpoint = plan.one("aws:ec2/vpcEndpoint:VpcEndpoint", "s3-gateway");
        assertThat(endpoint.input("serviceName")).isEqualTo("com.amazonaws.us-east-1.s3");
        assertThat(endpoint.input("vpcEndpointType")).isEqualTo("Gateway");
        assertThat(endpoint.propertyDependencies().get("routeTableIds")).containsExactlyInAnyOrder(
                plan.one(ROUTE_TABLE, "private-us-east-1a").urn(), plan.one(ROUTE_TABLE, "private-us-east-1b").urn(),
                plan.one(ROUTE_TABLE, "private-us-east-1c").urn(), plan.one(ROUTE_TABLE, "database").urn());
    }
}
