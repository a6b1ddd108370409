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

    static Secret publish(Data owner, DataArgs args, String name, Output<Map<String, Object>> content) {
        PlatformConfig config = args.config();
        String secretName = ResourceNames.secretsPrefix(config) + "feature-api/" + name;
        var child = CustomResourceOptions.builder().parent(owner).build();
        var secret = new Secret("feature-api-" + name, SecretArgs.builder()
                .name(secretName)
                .description("feature-api " + name + " connection info (no password: IAM authentication)")
                .kmsKeyId(args.security().secretsKeyArn())
                // Production keeps a deleted secret restorable for 30 days. Elsewhere 0 deletes it at once (force
                // delete without recovery): a secret waiting out its recovery window keeps its name reserved, so
                // `pulumi destroy` then `pulumi up` of a staging stack would fail for a week.
                .recoveryWindowInDays(config.environment().isProduction() ? 30 : 0)
                .tags(NameTag.of(secretName))
                .build(), child);
        new SecretVersion("feature-api-" + name, SecretVersionArgs.builder()
                .secretId(secret.id())
                .secretString(content.applyValue(ConnectionSecrets::json))
                .build(), child);
        return secret;
    }

    /**
     * The database's connection info: TLS with the server's certificate checked, and IAM authentication as the app's
     * own user (never the master user, whose password only the migration hook reads).
     */
    static Map<String, Object> databaseInfo(String host, int port, String databaseName) {
        return Map.of("host", host, "port", port, "dbname", databaseName,
                "username", ResourceNames.DATABASE_APP_USER, "sslmode", "verify-full", "auth", "iam");
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
