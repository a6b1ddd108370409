package com.featureapi.platform.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code platform:app}: the feature-api workload. An application team changes its image tag, its scaling
 * or its resources here and nowhere else; the Kubernetes tier turns these into the chart's values.
 *
 * @param namespace       Kubernetes namespace of the app (default {@code feature-api})
 * @param serviceAccount  its service account, the one the app IAM role trusts (default {@code feature-api})
 * @param imageRepository container image repository
 * @param imageTag        image tag; never {@code latest}, so a deployment is reproducible
 * @param replicas        replicas at install
 * @param minReplicas     HPA floor, at most {@code maxReplicas}
 * @param maxReplicas     HPA ceiling
 * @param hostname        the public DNS name the Ingress answers for
 * @param certificateArn  ACM certificate of {@code hostname}, in the stack's region and account (the ALB
 *                        can only use a certificate of its own region)
 * @param internetFacing  an internet-facing ALB in the public subnets; false (default) keeps it internal
 * @param resources       requests and limits of the app container
 * @param targetCpuUtilizationPercent    HPA target for average CPU use, of the request
 * @param targetMemoryUtilizationPercent HPA target for average memory use, of the request
 * @param logLevel        the app's LOG_LEVEL when the stack sets one (DEBUG, INFO, WARN or ERROR); otherwise the
 *                        environment's ({@link Environment#defaultLogLevel()})
 */
public record AppConfig(
        String namespace,
        String serviceAccount,
        String imageRepository,
        String imageTag,
        int replicas,
        int minReplicas,
        int maxReplicas,
        String hostname,
        String certificateArn,
        boolean internetFacing,
        Resources resources,
        int targetCpuUtilizationPercent,
        int targetMemoryUtilizationPercent,
        Optional<String> logLevel) {

    static final List<String> LOG_LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

    /**
     * Kubernetes resource quantities, as the chart's values take them.
     *
     * @param cpuRequest    CPU request ({@code 250m}, {@code 1})
     * @param memoryRequest memory request ({@code 256Mi}, {@code 1Gi})
     * @param cpuLimit      CPU limit, at least the request
     * @param memoryLimit   memory limit, at least the request
     */
    public record Resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        public static final Resources DEFAULT = new Resources("250m", "256Mi", "1", "512Mi");
    }

    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final Pattern HOSTNAME = Pattern.compile("(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final Pattern CERTIFICATE_ARN = Pattern.compile("arn:aws:acm:([a-z0-9-]+):(\\d{12}):certificate/[0-9a-f-]{36}");
    static final Pattern CPU = Pattern.compile("(\\d+)m|\\d+(\\.\\d{1,3})?");
    static final Pattern MEMORY = Pattern.compile("(\\d+)(Mi|Gi)");
    /** What a CPU quantity reads as, with an example: the rule of every CPU problem. */
    static final String CPU_RULE = "must be a Kubernetes CPU quantity in millicores or cores, for example 250m or 1";
    static final String MEMORY_RULE = "must be a Kubernetes memory quantity in Mi or Gi, for example 256Mi or 1Gi";

    static AppConfig read(ConfigNode node) {
        return read(node, "", "");
    }

    /**
     * @param region    the stack's region: the certificate must be there
     * @param accountId the stack's account: the certificate must be there
     */
    static AppConfig read(ConfigNode node, String region, String accountId) {
        ConfigProblems problems = node.problems();
        String namespace = node.matching("namespace", "feature-api", DNS_LABEL, "must be a Kubernetes name (lower-case letters, digits, dashes)");
        String serviceAccount = node.matching("serviceAccount", "feature-api", DNS_LABEL, "must be a Kubernetes name (lower-case letters, digits, dashes)");
        ConfigNode image = node.object("image");
        String repository = "";
        String tag = "";
        if (!node.has("image")) {
            problems.missing(node.keyPath("image"), "image: { repository: ghcr.io/acme/feature-api, tag: \"1.0.0\" }");
        } else {
            repository = image.requiredString("repository", "repository: ghcr.io/acme/feature-api");
            tag = image.requiredString("tag", "tag: \"1.0.0\"");
            if (tag.equals("latest")) {
                problems.add(image.keyPath("tag"), tag, "pin a version; \"latest\" makes a deployment unreproducible");
            }
            image.rejectUnknownKeys();
        }
        int replicas = node.integer("replicas", 2, 1, 100);
        int min = node.integer("minReplicas", replicas, 1, 100);
        int max = node.integer("maxReplicas", Math.max(min, 10), 1, 100);
        if (min > max) {
            problems.add(node.path(), "minReplicas=" + min + ", maxReplicas=" + max, "must satisfy minReplicas <= maxReplicas");
        }

        String hostname = node.requiredString("hostname", "hostname: api.staging.example.com");
        if (!hostname.isEmpty() && !HOSTNAME.matcher(hostname).matches()) {
            problems.add(node.keyPath("hostname"), hostname, "must be a lower-case DNS name such as api.staging.example.com");
        }
        String certificateArn = node.requiredString("certificateArn",
                "certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/<id> (an ACM certificate of the hostname)");
        checkCertificate(node, certificateArn, region, accountId);
        boolean internetFacing = node.bool("internetFacing", false);
        Resources resources = readResources(node);
        int cpuTarget = node.integer("targetCpuUtilizationPercent", 70, 10, 100);
        int memoryTarget = node.integer("targetMemoryUtilizationPercent", 80, 10, 100);
        Optional<String> logLevel = node.optionalString("logLevel");
        logLevel.filter(level -> !LOG_LEVELS.contains(level)).ifPresent(level ->
                problems.add(node.keyPath("logLevel"), level, "must be one of " + String.join(", ", LOG_LEVELS)
                        + " (or left out: DEBUG in development, INFO in staging, WARN in production)"));
        node.rejectUnknownKeys();
        return new AppConfig(namespace, serviceAccount, repository, tag, replicas, min, max,
                hostname, certificateArn, internetFacing, resources, cpuTarget, memoryTarget, logLevel);
    }

    private static void checkCertificate(ConfigNode node, String arn, String region, String accountId) {
        if (arn.isEmpty()) {
            return;
        }
        Matcher matcher = CERTIFICATE_ARN.matcher(arn);
        if (!matcher.matches()) {
            node.problems().add(node.keyPath("certificateArn"), arn,
                    "must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<36-character id>");
        } else if (StorageConfig.REGION.matcher(region).matches() && !matcher.group(1).equals(region)) {
            // (A missing or malformed aws:region is reported once, by the loader, not again here.)
            node.problems().add(node.keyPath("certificateArn"), arn,
                    "must be a certificate in the stack's region " + region + " (an ALB uses certificates of its own region only)");
        } else if (!accountId.isEmpty() && !matcher.group(2).equals(accountId)) {
            node.problems().add(node.keyPath("certificateArn"), arn,
                    "must be a certificate of the stack's account " + accountId);
        }
    }

    private static Resources readResources(ConfigNode node) {
        if (!node.has("resources")) {
            return Resources.DEFAULT;
        }
        ConfigNode resources = node.object("resources");
        ConfigNode requests = resources.object("requests");
        ConfigNode limits = resources.object("limits");
        Resources defaults = Resources.DEFAULT;
        String cpuRequest = requests.matching("cpu", defaults.cpuRequest(), CPU, CPU_RULE);
        String memoryRequest = requests.matching("memory", defaults.memoryRequest(), MEMORY, MEMORY_RULE);
        String cpuLimit = limits.matching("cpu", defaults.cpuLimit(), CPU, CPU_RULE);
        String memoryLimit = limits.matching("memory", defaults.memoryLimit(), MEMORY, MEMORY_RULE);
        requests.rejectUnknownKeys();
        limits.rejectUnknownKeys();
        resources.rejectUnknownKeys();
        Optional<BigDecimal> cpuReq = millicores(cpuRequest);
        Optional<BigDecimal> cpuLim = millicores(cpuLimit);
        if (cpuReq.isPresent() && cpuLim.isPresent() && cpuReq.get().compareTo(cpuLim.get()) > 0) {
            node.problems().add(resources.keyPath("requests.cpu"), cpuRequest, "must be at most limits.cpu (" + cpuLimit + ")");
        }
        Optional<Long> memReq = mebibytes(memoryRequest);
        Optional<Long> memLim = mebibytes(memoryLimit);
        if (memReq.isPresent() && memLim.isPresent() && memReq.get() > memLim.get()) {
            node.problems().add(resources.keyPath("requests.memory"), memoryRequest, "must be at most limits.memory (" + memoryLimit + ")");
        }
        return new Resources(cpuRequest, memoryRequest, cpuLimit, memoryLimit);
    }

    static Optional<BigDecimal> millicores(String cpu) {
        Matcher m = CPU.matcher(cpu);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? new BigDecimal(m.group(1)) : new BigDecimal(cpu).multiply(BigDecimal.valueOf(1000)));
    }

    static Optional<Long> mebibytes(String memory) {
        Matcher m = MEMORY.matcher(memory);
        if (!m.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(m.group(1));
        return Optional.of(m.group(2).equals("Gi") ? value * 1024 : value);
    }
}
