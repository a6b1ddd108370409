package com.featureapi.platform.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MockOutputsTest {

    private static Map<String, Object> state(String type, String name, Map<String, Object> inputs) {
        var request = new MockOutputs.Request(type, name, inputs, "eu-central-1", "222222222222");
        return MockOutputs.state(request, MockOutputs.id(request));
    }

    private static String id(String type, String name) {
        return MockOutputs.id(new MockOutputs.Request(type, name, Map.of(), "eu-central-1", "222222222222"));
    }

    @Test
    void idsHaveTheirAwsPrefixAndAreDerivedFromTypeAndName() {
        assertThat(id("aws:ec2/vpc:Vpc", "main")).matches("vpc-[0-9a-f]{17}").isEqualTo(id("aws:ec2/vpc:Vpc", "main"));
        assertThat(id("aws:ec2/vpc:Vpc", "other")).isNotEqualTo(id("aws:ec2/vpc:Vpc", "main"));
        assertThat(id("aws:ec2/subnet:Subnet", "a")).startsWith("subnet-");
        assertThat(id("aws:ec2/securityGroup:SecurityGroup", "a")).startsWith("sg-");
        assertThat(id("aws:ec2/natGateway:NatGateway", "a")).startsWith("nat-");
        assertThat(id("aws:ec2/eip:Eip", "a")).startsWith("eipalloc-");
        assertThat(id("aws:ec2/launchTemplate:LaunchTemplate", "a")).startsWith("lt-");
    }

    @Test
    void everyAwsTypeGetsTheInputsAndAnArnOfItsService() {
        Map<String, Object> subnet = state("aws:ec2/subnet:Subnet", "a", Map.of("cidrBlock", "10.0.1.0/24"));
        assertThat(subnet).containsEntry("cidrBlock", "10.0.1.0/24");
        assertThat((String) subnet.get("arn")).matches("arn:aws:ec2:eu-central-1:222222222222:subnet/subnet-[0-9a-f]{17}");
        assertThat((String) state("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", Map.of()).get("arn"))
                .startsWith("arn:aws:ec2:eu-central-1:222222222222:security-group-ingress-rule/sgr-");
        assertThat(state("aws:s3/bucketPolicy:BucketPolicy", "p", Map.of("bucket", "logs")).get("arn")).isEqualTo("arn:aws:s3:::logs");
    }

    @Test
    void componentsAndKubernetesObjectsAnswerWithTheirInputsOnly() {
        assertThat(state("platform:network:Network", "network", Map.of("a", "b"))).isEqualTo(Map.of("a", "b"));
        assertThat(state("kubernetes:core/v1:Namespace", "ns", Map.of())).isEmpty();
    }

    @Test
    void iamKmsAndLogsUseTheirRealArnFormats() {
        assertThat(state("aws:iam/role:Role", "nodes", Map.of("name", "staging-nodes")))
                .containsEntry("arn", "arn:aws:iam::222222222222:role/staging-nodes")
                .hasEntrySatisfying("uniqueId", v -> assertThat((String) v).matches("AROA[0-9A-F]{17}"));
        assertThat((String) state("aws:iam/role:Role", "nodes", Map.of()).get("arn")).matches("arn:aws:iam::222222222222:role/nodes-[0-9a-f]{7}");
        Map<String, Object> key = state("aws:kms/key:Key", "logs", Map.of());
        assertThat((String) key.get("keyId")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(key.get("arn")).isEqualTo("arn:aws:kms:eu-central-1:222222222222:key/" + key.get("keyId"));
        assertThat(state("aws:kms/alias:Alias", "a", Map.of("name", "alias/logs")))
                .containsEntry("arn", "arn:aws:kms:eu-central-1:222222222222:alias/logs");
        assertThat(state("aws:cloudwatch/logGroup:LogGroup", "g", Map.of("name", "/aws/eks/x/cluster")))
                .containsEntry("arn", "arn:aws:logs:eu-central-1:222222222222:log-group:/aws/eks/x/cluster");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEksClusterHasEndpointCertificateIssuerAndClusterSecurityGroup() {
        Map<String, Object> cluster = state("aws:eks/cluster:Cluster", "eks", Map.of("name", "staging",
                "vpcConfig", Map.of("subnetIds", List.of("subnet-1"))));
        assertThat(cluster).containsEntry("arn", "arn:aws:eks:eu-central-1:222222222222:cluster/staging").containsEntry("status", "ACTIVE");
        assertThat((String) cluster.get("endpoint")).matches("https://[0-9A-F]{32}\\.gr7\\.eu-central-1\\.eks\\.amazonaws\\.com");
        assertThat((Map<String, Object>) cluster.get("certificateAuthority")).containsKey("data");
        var issuer = ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) ((List<Object>) cluster.get("identities")).get(0))
                .get("oidcs")).get(0)).get("issuer");
        assertThat((String) issuer).matches("https://oidc\\.eks\\.eu-central-1\\.amazonaws\\.com/id/[0-9A-F]{32}");
        assertThat((Map<String, Object>) cluster.get("vpcConfig")).containsEntry("subnetIds", List.of("subnet-1"))
                .hasEntrySatisfying("clusterSecurityGroupId", v -> assertThat((String) v).startsWith("sg-"));
        assertThat((String) state("aws:eks/podIdentityAssociation:PodIdentityAssociation", "p", Map.of("clusterName", "staging"))
                .get("associationArn")).startsWith("arn:aws:eks:eu-central-1:222222222222:podidentityassociation/staging/a-");
        assertThat((String) state("aws:eks/accessEntry:AccessEntry", "e", Map.of("clusterName", "staging"))
                .get("accessEntryArn")).startsWith("arn:aws:eks:eu-central-1:222222222222:access-entry/staging/role/222222222222/");
    }

    @Test
    void dataStoresHaveEndpointsInTheirRegion() {
        Map<String, Object> db = state("aws:rds/instance:Instance", "db", Map.of("identifier", "staging-db"));
        assertThat((String) db.get("endpoint")).matches("staging-db\\.[0-9a-f]{12}\\.eu-central-1\\.rds\\.amazonaws\\.com:5432");
        assertThat(db).containsEntry("port", 5432);
        assertThat((String) state("aws:elasticache/replicationGroup:ReplicationGroup", "r", Map.of("replicationGroupId", "cache"))
                .get("primaryEndpointAddress")).matches("master\\.cache\\.[0-9a-f]{6}\\.euc1\\.cache\\.amazonaws\\.com");
        assertThat(state("aws:s3/bucketV2:BucketV2", "b", Map.of("bucket", "backups")))
                .containsEntry("arn", "arn:aws:s3:::backups")
                .containsEntry("bucketRegionalDomainName", "backups.s3.eu-central-1.amazonaws.com");
    }

    /** ElastiCache's short codes; a region of another shape (GovCloud, a new direction) loses only its dashes. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"us-east-1, use1", "ap-southeast-2, apse2", "eu-central-1, euc1",
            "eu-north-1, eun1", "sa-south-1, sas1", "us-west-2, usw2", "ap-northeast-1, apne1", "us-gov-west-1, usgovwest1",
            "il-mid-1, ilmid1"})
    void shortRegionCodesAreElastiCaches(String region, String code) {
        assertThat(MockOutputs.shortRegion(region)).isEqualTo(code);
    }

    @Test
    void idsOfNamedTypesAreWhatTheProviderReports() {
        assertThat(MockOutputs.id(new MockOutputs.Request("aws:iam/policy:Policy", "p", Map.of("name", "lbc"), "eu-central-1", "222222222222")))
                .isEqualTo("arn:aws:iam::222222222222:policy/lbc");
        assertThat(MockOutputs.id(new MockOutputs.Request("aws:sns/topic:Topic", "alerts", Map.of("name", "staging-alerts"), "eu-central-1",
                "222222222222"))).isEqualTo("arn:aws:sns:eu-central-1:222222222222:staging-alerts");
        assertThat(MockOutputs.id(new MockOutputs.Request("aws:kms/alias:Alias", "a", Map.of("name", "alias/rds"), "eu-central-1", "2")))
                .isEqualTo("alias/rds");
        assertThat(id("aws:kms/alias:Alias", "logs")).isEqualTo("alias/logs");
        assertThat(MockOutputs.id(new MockOutputs.Request("aws:elasticache/replicationGroup:ReplicationGroup", "r",
                Map.of("replicationGroupId", "staging-redis"), "eu-central-1", "2"))).isEqualTo("staging-redis");
        assertThat(id("aws:eks/addon:Addon", "vpc-cni")).matches("vpc-cni-[0-9a-f]{8}");
    }

    @Test
    void serviceLinkedRolesAreNamedAfterTheirService() {
        assertThat(state("aws:iam/serviceLinkedRole:ServiceLinkedRole", "asg", Map.of("awsServiceName", "autoscaling.amazonaws.com")))
                .containsEntry("name", "AWSServiceRoleForAutoScaling")
                .containsEntry("arn", "arn:aws:iam::222222222222:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        assertThat((String) state("aws:iam/serviceLinkedRole:ServiceLinkedRole", "spot", Map.of("awsServiceName", "spot.amazonaws.com"))
                .get("name")).matches("AWSServiceRoleFor[0-9a-f]{6}");
    }

    @Test
    void elasticIpsAreDocumentationAddressesOfOneToTwoHundredFiftyFour() {
        for (String name : java.util.List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            String ip = (String) state("aws:ec2/eip:Eip", name, Map.of()).get("publicIp");
            assertThat(ip).startsWith("203.0.113.");
            int host = Integer.parseInt(ip.substring("203.0.113.".length()));
            int expected = Integer.parseInt(new MockOutputs.Request("aws:ec2/eip:Eip", name, Map.of(), "eu-central-1", "222222222222").hex(2), 16) % 254 + 1;
            assertThat(host).isEqualTo(expected).isBetween(1, 254);
        }
    }

    @Test
    void aHelmReleaseReportsItsFirstDeployedRevision() {
        assertThat(state("kubernetes:helm.sh/v3:Release", "app", Map.of("chart", "./charts/feature-api", "name", "feature-api",
                "namespace", "apps", "version", "1.2.0")))
                .containsEntry("chart", "./charts/feature-api")
                .containsEntry("status", Map.of("name", "feature-api", "namespace", "apps", "chart", "./charts/feature-api",
                        "version", "1.2.0", "revision", 1, "status", "deployed"));
        assertThat(state("kubernetes:helm.sh/v3:Release", "bare", Map.of())).containsEntry("status", Map.of("name", "bare",
                "namespace", "default", "chart", "", "version", "", "revision", 1, "status", "deployed"));
    }
}
