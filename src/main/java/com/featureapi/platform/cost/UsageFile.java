package com.featureapi.platform.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code cost-usage.<stack>.yaml}: the monthly usage the plan cannot know (GB through the NAT gateways, GB stored
 * in a bucket, ...), in the spirit of Infracost's usage file. Two maps:
 * <pre>
 * defaults:                                  # per resource type
 *   aws:ec2/natGateway:NatGateway:
 *     monthlyProcessedGb: 500
 * resources:                                 # per resource, by "type::name" (the end of its URN)
 *   aws:s3/bucketV2:BucketV2::backups:
 *     storageGb: 200
 * </pre>
 * A key without a value (or absent) leaves the line at its unit price. The keys each type accepts are in
 * {@link UsageKeys}; any other key is an error, so a typo never silently prices nothing.
 */
public final class UsageFile {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final String origin;
    private final Map<String, Map<String, BigDecimal>> defaults;
    private final Map<String, Map<String, BigDecimal>> resources;

    private UsageFile(String origin, Map<String, Map<String, BigDecimal>> defaults, Map<String, Map<String, BigDecimal>> resources) {
        this.origin = origin;
        this.defaults = defaults;
        this.resources = resources;
    }

    public static UsageFile empty() {
        return new UsageFile(null, Map.of(), Map.of());
    }

    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /** The usage file of a stack in a project directory, or an empty one when there is none. */
    public static UsageFile forStack(Path projectDir, String stack) {
        Path file = projectDir.resolve("cost-usage." + stack + ".yaml");
        return Files.isRegularFile(file) ? load(file) : empty();
    }

    public static UsageFile load(Path file) {
        try {
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new InvalidUsageException("cannot read the usage file " + file + ": " + e.getMessage());
        }
    }

    public static UsageFile parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidUsageException(origin + " is not valid YAML: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, BigDecimal>> defaults = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> resources = new TreeMap<>();
        if (root != null && !root.isNull() && !root.isMissingNode()) {
            if (!root.isObject()) {
                throw new InvalidUsageException(origin + " must be a map with the keys defaults and resources");
            }
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("defaults") && !key.equals("resources") && !key.equals("version")) {
                    problems.add(key + ": unknown key; the file has defaults (per type) and resources (per type::name)");
                }
            }
            read(root.path("defaults"), "defaults", false, defaults, problems);
            read(root.path("resources"), "resources", true, resources, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidUsageException("invalid usage file " + origin + " (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        }
        return new UsageFile(origin, defaults, resources);
    }

    private static void read(JsonNode section, String name, boolean perResource, Map<String, Map<String, BigDecimal>> into, List<String> problems) {
        if (section.isMissingNode() || section.isNull()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String address = entry.getKey();
            String type = perResource ? (address.contains("::") ? address.substring(0, address.indexOf("::")) : "") : address;
            String where = name + "." + address;
            if (perResource && type.isEmpty()) {
                problems.add(where + ": name a resource as <type>::<name>, for example aws:s3/bucketV2:BucketV2::backups");
                continue;
            }
            List<String> known = UsageKeys.forType(type);
            if (known.isEmpty()) {
                problems.add(where + ": resources of type " + type + " take no usage values");
                continue;
            }
            Map<String, BigDecimal> values = new TreeMap<>();
            if (entry.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> v = entry.getValue().fields(); v.hasNext(); ) {
                    Map.Entry<String, JsonNode> value = v.next();
                    if (!known.contains(value.getKey())) {
                        problems.add(where + "." + value.getKey() + ": unknown usage key; " + type + " takes " + String.join(", ", known));
                    } else if (value.getValue().isNumber() && value.getKey().endsWith("Percent")
                            && value.getValue().decimalValue().compareTo(BigDecimal.valueOf(100)) > 0) {
                        problems.add(where + "." + value.getKey() + " = " + value.getValue() + ": a percentage, from 0 to 100");
                    } else if (value.getValue().isNumber() && value.getValue().decimalValue().signum() >= 0) {
                        values.put(value.getKey(), value.getValue().decimalValue());
                    } else if (!value.getValue().isNull()) {
                        problems.add(where + "." + value.getKey() + " = " + value.getValue() + ": must be a number of at least 0, or empty");
                    }
                }
            } else if (!entry.getValue().isNull()) {
                problems.add(where + ": must be a map of usage keys to numbers");
            }
            into.put(address, values);
        }
    }

    /** The value for a resource: its own entry first, then its type's default. */
    public Optional<BigDecimal> value(String type, String name, String key) {
        Map<String, BigDecimal> own = resources.get(type + "::" + name);
        if (own != null && own.containsKey(key)) {
            return Optional.of(own.get(key));
        }
        Map<String, BigDecimal> byType = defaults.get(type);
        return byType == null ? Optional.empty() : Optional.ofNullable(byType.get(key));
    }

    /** A usage file that cannot be read or names unknown keys: exit code 2. */
    public static final class InvalidUsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidUsageException(String message) {
            super(message);
        }
    }
}
