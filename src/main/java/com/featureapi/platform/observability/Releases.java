package com.featureapi.platform.observability;

import com.featureapi.platform.kubernetes.Charts;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/** Helm releases of the tier, installed the way the Kubernetes tier installs its add-ons. */
final class Releases {

    private Releases() {
    }

    /** A release's dependencies: its namespace's NetworkPolicies and the resources given. */
    static List<Resource> after(List<Resource> networkPolicies, Resource... others) {
        List<Resource> after = new java.util.ArrayList<>(List.of(others));
        after.addAll(networkPolicies);
        return after;
    }

    static Release of(String name, Charts chart, String namespace, Output<Map<String, Object>> values, Resource parent,
                      Provider provider, List<Resource> dependsOn) {
        return new Release(name, ReleaseArgs.builder()
                .name(name)
                .chart(chart.chart())
                .version(chart.version())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(chart.repository()).build())
                .namespace(namespace)
                .values(values)
                // A failed upgrade rolls back instead of leaving a half-applied release.
                .atomic(true)
                .cleanupOnFail(true)
                .maxHistory(10)
                .timeout(chart.timeoutSeconds())
                .build(), CustomResourceOptions.builder().parent(parent).provider(provider).dependsOn(dependsOn).build());
    }
}
