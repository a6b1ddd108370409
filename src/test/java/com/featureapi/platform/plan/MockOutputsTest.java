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

    @Test
    void shortRegionCodesAreElastiCaches() {
        assertThat(MockOutputs.shortRegion("us-east-1")).isEqualTo("use1");
        assertThat(MockOutputs.shortRegion("ap-southeast-2")).isEqualTo("apse2");
        assertThat(MockOutputs.shortRegion("eu-central-1")).isEqualTo("euc1");
    }
}
