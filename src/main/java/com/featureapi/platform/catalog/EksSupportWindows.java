package com.featureapi.platform.catalog;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * End of EKS standard support per Kubernetes version (shared/reference/aws-prices.md, November 2026): a cluster
 * on a version past it, whose upgrade policy is {@code EXTENDED}, is billed at the extended-support rate.
 */
public final class EksSupportWindows {

    public static final String SOURCE = "shared/reference/aws-prices.md, EKS Kubernetes versions (late 2026)";

    private static final Map<String, LocalDate> STANDARD_SUPPORT_ENDS = Map.of(
            "1.32", LocalDate.of(2026, 3, 23),
            "1.33", LocalDate.of(2026, 7, 29),
            "1.34", LocalDate.of(2026, 12, 2),
            "1.35", LocalDate.of(2027, 3, 27));

    private EksSupportWindows() {
    }

    public static Optional<LocalDate> standardSupportEnds(String version) {
        return Optional.ofNullable(STANDARD_SUPPORT_ENDS.get(version));
    }

    /** The oldest version still in standard support on {@code asOf} (the nearest upgrade target), if the table has one. */
    public static Optional<String> oldestInStandardSupport(LocalDate asOf) {
        return STANDARD_SUPPORT_ENDS.entrySet().stream().filter(e -> !asOf.isAfter(e.getValue()))
                .min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }
}
