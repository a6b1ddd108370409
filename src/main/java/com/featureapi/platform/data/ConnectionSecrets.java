package com.featureapi.platform.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * Where the application finds its database and cache: endpoints in Secrets Manager under
 * {@code <project>/<stack>/feature-api/...}, for External Secrets to sync into the cluster. They hold no
 * password: both connections authenticate with the pod's IAM role.
 */
final class ConnectionSecrets {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ConnectionSecrets() {
    }

    /** A connection-info secret and the version that holds its value. */
    record Published(Secret secret, SecretVersion version) {
    }

    static Published publish(Data owner, DataArgs args, String name, Output<Map<String, Object>> content) {
        String secretName = ResourceNames.secretsPrefix(args.config()) + "feature-api/" + name;
        var secret = container(owner, args, "feature-api-" + name, secretName,
                "feature-api " + name + " connection info (no password: IAM authentication)", Map.of());
        var version = new SecretVersion("feature-api-" + name, SecretVersionArgs.builder()
                .secretId(secret.id())
                .secretString(content.applyValue(ConnectionSecrets::json))
                .build(), CustomResourceOptions.builder().parent(owner).build());
        return new Published(secret, version);
    }

    /**
     * A secret of the stack under its prefix, encrypted with the secrets key, with no value: the caller adds one
     * (a SecretVersion) or leaves it to whoever pushes it (External Secrets, for the app's own secrets).
     */
    static Secret container(Data owner, DataArgs args, String logicalName, String secretName, String description,
                            Map<String, String> tags) {
        PlatformConfig config = args.config();
        Map<String, String> allTags = new java.util.TreeMap<>(tags);
        allTags.putAll(NameTag.of(secretName));
        return new Secret(logicalName, SecretArgs.builder()
                .name(secretName)
                .description(description)
                .kmsKeyId(args.security().secretsKeyArn())
                // Production keeps a deleted secret restorable for 30 days. Elsewhere 0 deletes it at once (force
                // delete without recovery): a secret waiting out its recovery window keeps its name reserved, so
                // `pulumi destroy` then `pulumi up` of a staging stack would fail for a week.
                .recoveryWindowInDays(config.environment().isProduction() ? 30 : 0)
                .tags(allTags)
                .build(), CustomResourceOptions.builder().parent(owner).build());
    }

    /**
     * The database's connection info: TLS with the server's certificate checked, and IAM authentication as the app's
     * own user (never the master user, whose password only the migration hook reads).
     */
    static Map<String, Object> databaseInfo(String host, int port, String databaseName) {
        return databaseInfo(host, port, databaseName, java.util.Optional.empty());
    }

    /**
     * The same, with {@code readHost} when the stack has a read replica: same port, database, user and TLS (the replica
     * shares the primary's parameter group, and the app's role and IAM grant reach it as they reach the primary).
     */
    static Map<String, Object> databaseInfo(String host, int port, String databaseName, java.util.Optional<String> readHost) {
        Map<String, Object> info = new java.util.HashMap<>(Map.of("host", host, "port", port, "dbname", databaseName,
                "username", ResourceNames.DATABASE_APP_USER, "sslmode", "verify-full", "auth", "iam"));
        readHost.ifPresent(read -> info.put("readHost", read));
        return Map.copyOf(info);
    }

    /** The cache's connection info: TLS (the group encrypts in transit) and IAM authentication as the app's cache user. */
    static Map<String, Object> cacheInfo(String host, int port, String username) {
        return Map.of("host", host, "port", port, "tls", true, "username", username, "auth", "iam");
    }

    static String json(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render connection info", e);
        }
    }
}
