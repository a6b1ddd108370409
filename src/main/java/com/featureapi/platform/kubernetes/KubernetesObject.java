package com.featureapi.platform.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * A Kubernetes object of a kind the typed SDK does not know (an add-on's custom resource such as External
 * Secrets' ClusterSecretStore). {@code com.pulumi:kubernetes:4.0.0} for Java has no
 * {@code apiextensions.CustomResource}; this is what that class is in the other Pulumi SDKs: a custom
 * resource of type {@code kubernetes:<group>/<version>:<Kind>} whose inputs are the object itself, which
 * the Kubernetes provider applies like any other.
 */
public final class KubernetesObject extends CustomResource {

    public KubernetesObject(String name, Args args, CustomResourceOptions options) {
        super(typeToken(args.apiVersion, args.kind), name, args, options);
    }

    /** {@code external-secrets.io/v1} + {@code ClusterSecretStore} to {@code kubernetes:external-secrets.io/v1:ClusterSecretStore}. */
    static String typeToken(String apiVersion, String kind) {
        String groupVersion = apiVersion.contains("/") ? apiVersion : "core/" + apiVersion;
        return "kubernetes:" + groupVersion + ":" + kind;
    }

    /** The object: apiVersion, kind, metadata and spec. */
    public static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersionInput;
        @Import(name = "kind", required = true)
        private final Output<String> kindInput;
        @Import(name = "metadata", required = true)
        private final Output<Map<String, Object>> metadata;
        @Import(name = "spec", required = true)
        private final Output<Map<String, Object>> spec;

        private final String apiVersion;
        private final String kind;

        public Args(String apiVersion, String kind, Map<String, Object> metadata, Output<Map<String, Object>> spec) {
            this.apiVersion = apiVersion;
            this.kind = kind;
            this.apiVersionInput = Output.of(apiVersion);
            this.kindInput = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = spec;
        }
    }
}
