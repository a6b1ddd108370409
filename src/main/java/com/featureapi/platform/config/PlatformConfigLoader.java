package com.featureapi.platform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads {@link PlatformConfig} from a {@link ConfigSource} and validates all of it before anything is built:
 * every problem is collected and thrown together as one {@link InvalidConfigException}.
 */
public final class PlatformConfigLoader {

    public static final String NAMESPACE = "platform";

    /** The sections under {@code platform:}; anything else there is a typo. */
    public static final List<String> SECTIONS = List.of(
            "accountId", "environment", "tags", "network", "security", "cluster", "database", "cache", "storage",
            "app", "dns", "edge", "monitoring", "cost");

    private static final Pattern REGION = StorageConfig.REGION;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformConfigLoader() {
    }

    public static PlatformConfig load(ConfigSource source, String project, String stack) {
        ConfigProblems problems = new ConfigProblems(source.keys().secret());
        rejectUnknownSections(source, problems);
        rejectSecretsThatWouldLeak(source, problems);

        String region = source.get("aws:region").orElse("");
        if (region.isEmpty()) {
            problems.missing("aws:region", "aws:region: us-east-1");
        } else if (!REGION.matcher(region).matches()) {
            problems.add("aws:region", region, "is not an AWS region name such as us-east-1");
        }
        String accountId = source.get(key("accountId")).orElse("");
        if (accountId.isEmpty()) {
            problems.missing(key("accountId"), "platform:accountId: \"123456789012\" (quote it in YAML)");
        } else if (!ACCOUNT_ID.matcher(accountId).matches()) {
            problems.add(key("accountId"), accountId, "must be the 12-digit AWS account id, quoted in YAML");
        }
        String environmentName = source.get(key("environment")).orElse("");
        if (environmentName.isEmpty()) {
            problems.missing(key("environment"), "platform:environment: staging");
        } else if (!Environment.configNames().contains(environmentName)) {
            problems.add(key("environment"), environmentName, "must be one of " + String.join(", ", Environment.configNames()));
        }
        Environment environment = Environment.fromConfigName(environmentName);

        TagsConfig tags = TagsConfig.read(section(source, "tags", true, problems));
        NetworkConfig network = NetworkConfig.read(section(source, "network", true, problems), region);
        SecurityConfig security = SecurityConfig.read(section(source, "security", false, problems), environment);
        ClusterConfig cluster = ClusterConfig.read(section(source, "cluster", true, problems));
        DatabaseConfig database = DatabaseConfig.read(section(source, "database", true, problems), environment);
        CacheConfig cache = CacheConfig.read(section(source, "cache", true, problems), environment);
        StorageConfig storage = StorageConfig.read(section(source, "storage", false, problems), environment, region);
        // The certificate is checked against the region and account only when those are valid (and never echoes a secret one).
        AppConfig app = AppConfig.read(section(source, "app", true, problems), REGION.matcher(region).matches() ? region : "",
                ACCOUNT_ID.matcher(accountId).matches() && !source.keys().secret().contains(key("accountId")) ? accountId : "");
        DnsConfig dns = DnsConfig.read(section(source, "dns", true, problems), app.hostname(), app.internetFacing());
        EdgeConfig edge = EdgeConfig.read(section(source, "edge", false, problems), environment, app.internetFacing());
        MonitoringConfig monitoring = MonitoringConfig.read(section(source, "monitoring", false, problems), environment);
        CostConfig cost = CostConfig.read(section(source, "cost", false, problems));
        OfferedTypes.check(region, cluster, database, cache, problems);
        if (app.internetFacing() && !network.subnets(SubnetRole.LOAD_BALANCER).isEmpty()) {
            // They would sit empty: an internet-facing ALB goes into the public subnets.
            problems.add(key("network") + ".subnets.loadBalancer", null, "holds internal load balancers only, but "
                    + "platform:app.internetFacing is true and its ALB goes into the public subnets: remove these subnets or make the ALB internal");
        }

        problems.throwIfAny(stack);
        return new PlatformConfig(project, stack, region, accountId, environment, tags, network, security, cluster,
                database, cache, storage, app, dns, edge, monitoring, cost);
    }

    private static String key(String section) {
        return NAMESPACE + ":" + section;
    }

    private static void rejectUnknownSections(ConfigSource source, ConfigProblems problems) {
        source.keys().all().stream()
                .filter(k -> k.startsWith(NAMESPACE + ":"))
                .map(k -> k.substring(NAMESPACE.length() + 1))
                .filter(section -> !SECTIONS.contains(section))
                .sorted()
                .forEach(section -> problems.add(key(section), null, Suggestions.unknownKeyRule(section, SECTIONS)));
    }

    /**
     * Every key the program reads becomes names, sizes, versions, ARNs or tags that AWS shows and the Pulumi
     * state keeps in plain text, so none of them can be kept secret: a key stored with {@code --secret} would
     * promise a protection that does not exist. Even tags cannot: the Java SDK sends a provider's object inputs
     * (default tags) as JSON text, which flattens a secret into a plain string (HostContractIT saw it on the
     * wire), and the AWS provider copies secret resource tags into {@code tagsAll} in plain text
     * (pulumi/pulumi-aws#2778). Such a key is refused, without printing its value; keys the program does not
     * read (provider credentials, for example) may be secret.
     */
    private static void rejectSecretsThatWouldLeak(ConfigSource source, ConfigProblems problems) {
        source.keys().secret().stream()
                .filter(k -> k.equals("aws:region") || (k.startsWith(NAMESPACE + ":") && SECTIONS.contains(k.substring(NAMESPACE.length() + 1))))
                .sorted()
                // A problem of how the key is stored, not a rule over its (possibly stand-in) values: never held back,
                // and no stand-in itself (the value was read as written, so its own rules still report).
                .forEach(k -> problems.ofStorage(k, null, "is stored as a secret, but the program cannot keep it secret: its values become resource "
                        + "names and settings that AWS and the Pulumi state keep in plain text; store it without --secret"));
    }

    /**
     * A stand-in for a section already reported as missing or malformed: its readers still run (and fall back
     * to defaults), but what they find missing inside it is not reported again, key by key.
     */
    private static ConfigNode unreported(String key) {
        return new ConfigNode(key, null, new ConfigProblems(Set.of()));
    }

    private static ConfigNode section(ConfigSource source, String name, boolean required, ConfigProblems problems) {
        String key = key(name);
        Optional<String> raw = source.get(key);
        if (raw.isEmpty()) {
            if (required) {
                problems.missing(key, "a " + name + " section; see Pulumi.staging.yaml for every setting");
                return unreported(key);
            }
            return new ConfigNode(key, null, problems);
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(raw.get());
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            problems.add(key, raw.get(), "must be an object of settings (a YAML map under " + key + ")");
            return unreported(key);
        }
        return new ConfigNode(key, parsed, problems);
    }
}
