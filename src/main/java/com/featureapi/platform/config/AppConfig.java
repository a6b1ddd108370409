package com.featureapi.platform.config;

import java.util.regex.Pattern;

/**
 * {@code platform:app}: the feature-api workload.
 *
 * @param namespace       Kubernetes namespace of the app (default {@code feature-api})
 * @param serviceAccount  its service account, the one the app IAM role trusts (default {@code feature-api})
 * @param imageRepository container image repository
 * @param imageTag        image tag; never {@code latest}, so a deployment is reproducible
 * @param replicas        replicas at install
 * @param minReplicas     HPA floor, at most {@code maxReplicas}
 * @param maxReplicas     HPA ceiling
 */
public record AppConfig(
        String namespace,
        String serviceAccount,
        String imageRepository,
        String imageTag,
        int replicas,
        int minReplicas,
        int maxReplicas) {

    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    static AppConfig read(ConfigNode node) {
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
        node.rejectUnknownKeys();
        return new AppConfig(namespace, serviceAccount, repository, tag, replicas, min, max);
    }
}
