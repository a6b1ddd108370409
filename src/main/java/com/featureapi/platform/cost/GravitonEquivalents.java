package com.featureapi.platform.cost;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Graviton (arm64) families that do the work of an x86 family, same size: general purpose to general purpose,
 * memory optimized to memory optimized, burstable to burstable. The newer family comes first; the cheaper of
 * those the catalog prices is recommended.
 */
final class GravitonEquivalents {

    private static final Map<String, List<String>> EC2 = Map.ofEntries(
            Map.entry("m5", List.of("m7g", "m6g")), Map.entry("m5a", List.of("m7g", "m6g")), Map.entry("m6i", List.of("m7g", "m6g")),
            Map.entry("m6a", List.of("m7g", "m6g")), Map.entry("m7i", List.of("m7g", "m6g")), Map.entry("m4", List.of("m7g", "m6g")),
            Map.entry("c5", List.of("c7g", "c6g")), Map.entry("c6i", List.of("c7g", "c6g")), Map.entry("c7i", List.of("c7g", "c6g")),
            Map.entry("r5", List.of("r7g", "r6g")), Map.entry("r6i", List.of("r7g", "r6g")), Map.entry("r7i", List.of("r7g", "r6g")),
            Map.entry("t3", List.of("t4g")), Map.entry("t3a", List.of("t4g")));

    private GravitonEquivalents() {
    }

    /** Same-size Graviton types of an EC2 instance type ({@code m5.xlarge} -> m7g.xlarge, m6g.xlarge); empty when none. */
    static List<String> ec2(String instanceType) {
        return equivalents("", instanceType);
    }

    /** Same for an RDS class ({@code db.r5.xlarge} -> db.r7g.xlarge, db.r6g.xlarge). */
    static List<String> rds(String instanceClass) {
        return equivalents("db.", instanceClass);
    }

    /** Same for an ElastiCache node type ({@code cache.r5.large} -> cache.r7g.large, cache.r6g.large). */
    static List<String> cache(String nodeType) {
        return equivalents("cache.", nodeType);
    }

    private static List<String> equivalents(String prefix, String type) {
        if (type == null || !type.startsWith(prefix) || type.indexOf('.', prefix.length()) < 0) {
            return List.of();
        }
        String rest = type.substring(prefix.length());
        String family = rest.substring(0, rest.indexOf('.'));
        String size = rest.substring(rest.indexOf('.') + 1);
        return Optional.ofNullable(EC2.get(family)).orElse(List.of()).stream().map(f -> prefix + f + "." + size).toList();
    }
}
