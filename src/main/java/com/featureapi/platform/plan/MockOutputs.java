package com.featureapi.platform.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Plausible computed outputs for the resources the program creates, standing in for what AWS would
 * answer: ids, ARNs and endpoints in their real formats. Every value is derived from a hash of the
 * resource's type and name, never random and never a timestamp, so two offline runs are identical.
 *
 * <p>To support a new resource type, add one entry to {@link #EXTRAS} (computed outputs), and to
 * {@link #ID_PREFIXES} or {@link #IDS} (its id); every AWS type already gets an {@code id} and an
 * {@code arn} in its service's format. The region is the one of the resource's provider.
 */
final class MockOutputs {

    /** Inputs of a registration and what the mock knows of the stack. */
    record Request(String type, String name, Map<String, Object> inputs, String region, String accountId) {

        String hex(int length) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest((type + "/" + name).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest).substring(0, length);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JVM", e);
            }
        }

        String input(String key, String fallback) {
            Object value = inputs.get(key);
            return value instanceof String s && !s.isEmpty() ? s : fallback;
        }

        /** What AWS or Pulumi's auto-naming would call the resource: the name input, or name plus a suffix. */
        String physicalName() {
            return input("name", name + "-" + hex(7));
        }

        String arn(String service, String resource) {
            return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
        }
    }

    private static String sqsUrl(Request r) {
        return "https://sqs." + r.region() + ".amazonaws.com/" + r.accountId() + "/" + r.physicalName();
    }

    private static final Map<String, String> ID_PREFIXES = Map.ofEntries(
            Map.entry("aws:ec2/vpc:Vpc", "vpc-"),
            Map.entry("aws:ec2/subnet:Subnet", "subnet-"),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", "sg-"),
            Map.entry("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "sg-"),
            Map.entry("aws:ec2/internetGateway:InternetGateway", "igw-"),
            Map.entry("aws:ec2/natGateway:NatGateway", "nat-"),
            Map.entry("aws:ec2/eip:Eip", "eipalloc-"),
            Map.entry("aws:ec2/routeTable:RouteTable", "rtb-"),
            Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", "rtbassoc-"),
            Map.entry("aws:ec2/route:Route", "r-rtb-"),
            Map.entry("aws:ec2/vpcEndpoint:VpcEndpoint", "vpce-"),
            Map.entry("aws:ec2/flowLog:FlowLog", "fl-"),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate", "lt-"),
            Map.entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "sgr-"),
            Map.entry("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "sgr-"));

    private static final Map<String, BiConsumer<Request, Map<String, Object>>> EXTRAS = new TreeMap<>(Map.ofEntries(
            Map.entry("aws:iam/role:Role", (r, out) -> {
                String name = r.physicalName();
                out.put("name", name);
                out.put("arn", "arn:aws:iam::" + r.accountId() + ":role/" + name);
                out.put("uniqueId", "AROA" + r.hex(17).toUpperCase());
            }),
            Map.entry("aws:iam/policy:Policy", (r, out) -> {
                String name = r.physicalName();
                out.put("name", name);
                out.put("arn", "arn:aws:iam::" + r.accountId() + ":policy/" + name);
            }),
            // IAM names a service-linked role after its service (the id is its ARN, as `pulumi import` takes it).
            Map.entry("aws:iam/serviceLinkedRole:ServiceLinkedRole", (r, out) -> {
                String service = r.input("awsServiceName", "autoscaling.amazonaws.com");
                String name = service.equals("autoscaling.amazonaws.com") ? "AWSServiceRoleForAutoScaling" : "AWSServiceRoleFor" + r.hex(6);
                out.put("name", name);
                out.put("path", "/aws-service-role/" + service + "/");
                out.put("arn", "arn:aws:iam::" + r.accountId() + ":role/aws-service-role/" + service + "/" + name);
            }),
            Map.entry("aws:iam/openIdConnectProvider:OpenIdConnectProvider", (r, out) ->
                    out.put("arn", "arn:aws:iam::" + r.accountId() + ":oidc-provider/"
                            + r.input("url", "oidc.eks." + r.region() + ".amazonaws.com/id/" + r.hex(32).toUpperCase()).replace("https://", ""))),
            Map.entry("aws:kms/key:Key", (r, out) -> {
                String keyId = uuid(r);
                out.put("keyId", keyId);
                out.put("arn", r.arn("kms", "key/" + keyId));
            }),
            Map.entry("aws:kms/alias:Alias", (r, out) -> out.put("arn", r.arn("kms", r.input("name", "alias/" + r.name())))),
            Map.entry("aws:cloudwatch/logGroup:LogGroup", (r, out) -> {
                String name = r.physicalName();
                out.put("name", name);
                out.put("arn", r.arn("logs", "log-group:" + name));
            }),
            Map.entry("aws:ec2/eip:Eip", (r, out) -> out.put("publicIp", "203.0.113." + (Integer.parseInt(r.hex(2), 16) % 254 + 1))),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate", (r, out) -> {
                out.put("latestVersion", 1);
                out.put("defaultVersion", 1);
            }),
            Map.entry("aws:eks/cluster:Cluster", (r, out) -> {
                String name = r.input("name", r.physicalName());
                out.put("name", name);
                out.put("arn", r.arn("eks", "cluster/" + name));
                out.put("endpoint", "https://" + r.hex(32).toUpperCase() + ".gr7." + r.region() + ".eks.amazonaws.com");
                out.put("certificateAuthority", Map.of("data",
                        Base64.getEncoder().encodeToString(("-----BEGIN CERTIFICATE-----\noffline-" + r.hex(32) + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.UTF_8))));
                out.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer",
                        "https://oidc.eks." + r.region() + ".amazonaws.com/id/" + r.hex(32).toUpperCase())))));
                out.put("status", "ACTIVE");
                out.put("platformVersion", "eks.1");
                Object vpcConfig = r.inputs().get("vpcConfig");
                Map<String, Object> vpc = new TreeMap<>();
                if (vpcConfig instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> vpc.put(String.valueOf(k), v));
                }
                vpc.put("clusterSecurityGroupId", "sg-" + r.hex(17));
                vpc.put("vpcId", "vpc-" + r.hex(17));
                out.put("vpcConfig", vpc);
            }),
            Map.entry("aws:eks/nodeGroup:NodeGroup", (r, out) -> out.put("arn", r.arn("eks", "nodegroup/" + r.input("clusterName", "cluster")
                    + "/" + r.input("nodeGroupName", r.name()) + "/" + r.hex(8)))),
            Map.entry("aws:eks/addon:Addon", (r, out) -> out.put("arn", r.arn("eks", "addon/" + r.input("clusterName", "cluster")
                    + "/" + r.input("addonName", r.name()) + "/" + r.hex(8)))),
            Map.entry("aws:eks/accessEntry:AccessEntry", (r, out) -> out.put("accessEntryArn", r.arn("eks", "access-entry/"
                    + r.input("clusterName", "cluster") + "/role/" + r.accountId() + "/" + r.hex(12) + "/" + uuid(r)))),
            Map.entry("aws:eks/podIdentityAssociation:PodIdentityAssociation", (r, out) -> {
                String associationId = "a-" + r.hex(17);
                out.put("associationId", associationId);
                out.put("associationArn", r.arn("eks", "podidentityassociation/" + r.input("clusterName", "cluster") + "/" + associationId));
            }),
            Map.entry("aws:rds/instance:Instance", (r, out) -> {
                String identifier = r.input("identifier", r.physicalName());
                String address = identifier + "." + r.hex(12) + "." + r.region() + ".rds.amazonaws.com";
                out.put("identifier", identifier);
                out.put("arn", r.arn("rds", "db:" + identifier));
                out.put("address", address);
                out.put("port", 5432);
                out.put("endpoint", address + ":5432");
                out.put("resourceId", "db-" + r.hex(26).toUpperCase());
                out.put("masterUserSecrets", List.of(Map.of(
                        "secretArn", r.arn("secretsmanager", "secret:rds!db-" + r.hex(8) + "-" + r.hex(6)),
                        "secretStatus", "active",
                        "kmsKeyId", r.input("masterUserSecretKmsKeyId", ""))));
            }),
            Map.entry("aws:elasticache/replicationGroup:ReplicationGroup", (r, out) -> {
                String id = r.input("replicationGroupId", r.physicalName());
                out.put("replicationGroupId", id);
                out.put("arn", r.arn("elasticache", "replicationgroup:" + id));
                out.put("primaryEndpointAddress", "master." + id + "." + r.hex(6) + "." + shortRegion(r.region()) + ".cache.amazonaws.com");
                out.put("readerEndpointAddress", "replica." + id + "." + r.hex(6) + "." + shortRegion(r.region()) + ".cache.amazonaws.com");
                out.put("port", 6379);
            }),
            Map.entry("aws:s3/bucketV2:BucketV2", (r, out) -> {
                String bucket = r.input("bucket", r.physicalName());
                out.put("bucket", bucket);
                out.put("arn", "arn:aws:s3:::" + bucket);
                out.put("bucketRegionalDomainName", bucket + ".s3." + r.region() + ".amazonaws.com");
            }),
            // A regional web ACL: its ARN ends in its name and id, as the load balancer controller's annotation takes it.
            Map.entry("aws:wafv2/webAcl:WebAcl", (r, out) -> {
                String name = r.physicalName();
                out.put("name", name);
                out.put("arn", r.arn("wafv2", "regional/webacl/" + name + "/" + uuid(r)));
                out.put("lockToken", uuid(r));
            }),
            // SNS names a topic's ARN after the topic, not after an id.
            Map.entry("aws:sns/topic:Topic", (r, out) -> out.put("arn", r.arn("sns", r.physicalName()))),
            // An SQS queue's ARN has no resource type (arn:aws:sqs:<region>:<account>:<name>); its id is its URL.
            Map.entry("aws:sqs/queue:Queue", (r, out) -> {
                out.put("name", r.physicalName());
                out.put("arn", r.arn("sqs", r.physicalName()));
                out.put("url", sqsUrl(r));
            }),
            Map.entry("aws:secretsmanager/secret:Secret", (r, out) -> {
                out.put("name", r.input("name", r.physicalName()));
                out.put("arn", id(r));
            })));

    static final String HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

    private MockOutputs() {
    }

    /** A version-4-shaped UUID from the resource's hash, as AWS gives KMS keys and access entries. */
    static String uuid(Request r) {
        String hex = r.hex(32);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-8" + hex.substring(17, 20)
                + "-" + hex.substring(20, 32);
    }

    /** Types whose id is not a prefixed hash: their name, ARN or key id, as the AWS provider reports it. */
    private static final Map<String, Function<Request, String>> IDS = Map.ofEntries(
            Map.entry("aws:s3/bucketV2:BucketV2", r -> r.input("bucket", r.physicalName())),
            Map.entry("aws:iam/role:Role", Request::physicalName),
            Map.entry("aws:iam/policy:Policy", r -> "arn:aws:iam::" + r.accountId() + ":policy/" + r.physicalName()),
            Map.entry("aws:cloudwatch/logGroup:LogGroup", Request::physicalName),
            Map.entry("aws:kms/key:Key", MockOutputs::uuid),
            Map.entry("aws:sns/topic:Topic", r -> r.arn("sns", r.physicalName())),
            Map.entry("aws:sqs/queue:Queue", MockOutputs::sqsUrl),
            Map.entry("aws:kms/alias:Alias", r -> r.input("name", "alias/" + r.name())),
            Map.entry("aws:eks/cluster:Cluster", Request::physicalName),
            Map.entry("aws:wafv2/webAcl:WebAcl", MockOutputs::uuid),
            Map.entry("aws:elasticache/replicationGroup:ReplicationGroup", r -> r.input("replicationGroupId", r.physicalName())),
            Map.entry("aws:secretsmanager/secret:Secret", r -> r.arn("secretsmanager", "secret:" + r.input("name", r.physicalName()) + "-" + r.hex(6))));

    /** The id AWS would give the resource. */
    static String id(Request request) {
        Function<Request, String> id = IDS.get(request.type());
        if (id != null) {
            return id.apply(request);
        }
        String prefix = ID_PREFIXES.get(request.type());
        return prefix != null ? prefix + request.hex(17) : request.name() + "-" + request.hex(8);
    }

    /**
     * The inputs plus computed outputs: for every AWS type a generic ARN of its service, then the type's
     * own extras. Components, providers and Kubernetes objects answer with their inputs only; a Helm release adds
     * the {@code status} Helm reports after a first install.
     */
    static Map<String, Object> state(Request request, String id) {
        Map<String, Object> state = new TreeMap<>(request.inputs());
        if (request.type().equals(HELM_RELEASE)) {
            // What Helm reports after an install: the release's first revision, deployed.
            state.put("status", Map.of("name", request.input("name", request.name()), "namespace", request.input("namespace", "default"),
                    "chart", request.input("chart", ""), "version", request.input("version", ""), "revision", 1, "status", "deployed"));
            return state;
        }
        if (!request.type().startsWith("aws:") || !request.type().contains("/")) {
            return state;
        }
        String module = request.type().substring(request.type().indexOf(':') + 1, request.type().indexOf('/'));
        String kind = kebab(request.type().substring(request.type().indexOf('/') + 1, request.type().lastIndexOf(':')));
        state.put("arn", switch (module) {
            // IAM is global: no region in its ARNs.
            case "iam" -> "arn:aws:iam::" + request.accountId() + ":" + kind + "/" + request.physicalName();
            // S3 names are global: no region and no account.
            case "s3" -> "arn:aws:s3:::" + request.input("bucket", request.physicalName());
            // The vpc module's rules are EC2 resources.
            case "vpc" -> request.arn("ec2", kind + "/" + id);
            default -> request.arn(module, kind + "/" + id);
        });
        BiConsumer<Request, Map<String, Object>> extras = EXTRAS.get(request.type());
        if (extras != null) {
            extras.accept(request, state);
        }
        return state;
    }

    /** {@code securityGroupIngressRule} to {@code security-group-ingress-rule}, as ARNs spell resource kinds. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * ElastiCache's short region code in endpoint names: {@code us-east-1} to {@code use1},
     * {@code eu-central-1} to {@code euc1}, {@code ap-southeast-2} to {@code apse2}.
     */
    static String shortRegion(String region) {
        String[] parts = region.split("-");
        if (parts.length != 3) {
            return region.replace("-", "");
        }
        String direction = switch (parts[1]) {
            case "north" -> "n";
            case "south" -> "s";
            case "east" -> "e";
            case "west" -> "w";
            case "central" -> "c";
            case "northeast" -> "ne";
            case "southeast" -> "se";
            case "northwest" -> "nw";
            case "southwest" -> "sw";
            default -> parts[1];
        };
        return parts[0] + direction + parts[2];
    }
}
