package com.featureapi.platform.config;

/**
 * A Kubernetes taint on every node of a group.
 *
 * @param effect {@code NO_SCHEDULE}, {@code NO_EXECUTE} or {@code PREFER_NO_SCHEDULE} (the EKS API's spelling)
 */
public record TaintConfig(String key, String value, String effect) {
}
