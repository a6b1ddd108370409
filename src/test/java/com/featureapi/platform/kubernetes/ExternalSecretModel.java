package com.featureapi.platform.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.List;
import java.util.Map;

/**
 * External Secrets' {@code external-secrets.io/v1} ExternalSecret, the fields of its CRD (v2.9 API reference)
 * that a manifest of this chart may use: fabric8 ships no model for it. Parsed with unknown fields failing.
 */
record ExternalSecretModel(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(String refreshInterval, SecretStoreRef secretStoreRef, Target target, List<Data> data, List<DataFrom> dataFrom) {
    }

    record SecretStoreRef(String kind, String name) {
    }

    record Target(String name, String creationPolicy, String deletionPolicy, Template template) {
    }

    record Template(String engineVersion, String type, Map<String, String> data) {
    }

    record Data(String secretKey, RemoteRef remoteRef) {
    }

    record RemoteRef(String key, String property, String version) {
    }

    record DataFrom(Extract extract) {
    }

    record Extract(String key, String property, String version) {
    }
}
