package com.featureapi.platform.data;

import com.featureapi.platform.naming.AppSecrets;
import com.pulumi.aws.secretsmanager.Secret;

import java.util.EnumMap;
import java.util.Map;

/**
 * The secrets of {@link AppSecrets} as Secrets Manager secrets with no value. Pulumi owns the secret (name, the
 * stack's secrets key, recovery window, tags) and never its value: External Secrets generates the value in the
 * cluster and pushes it once ({@code PushSecret} with {@code updatePolicy: IfNotExists}, Kubernetes tier), so it is
 * in no plan, no state and no file, and it survives a rebuilt cluster (the next push finds a value and skips).
 * <p>
 * External Secrets 2.9.0 pushes into an existing secret only when it is tagged {@value #MANAGED_BY_KEY}={@value
 * #MANAGED_BY_VALUE} (providers/v1/aws/secretsmanager, {@code isManagedByESO}); otherwise it refuses with "secret not
 * managed by external-secrets".
 * <p>
 * No rotation: a new JWT or auth secret signs every session out, and a new encryption key leaves what the app
 * encrypted unreadable unless the app keeps the old key to decrypt, which it does not say it does (docs/decisions.md).
 */
final class ApplicationSecrets {

    static final String MANAGED_BY_KEY = "managed-by";
    static final String MANAGED_BY_VALUE = "external-secrets";

    private ApplicationSecrets() {
    }

    static Map<AppSecrets, Secret> create(Data owner, DataArgs args) {
        Map<AppSecrets, Secret> secrets = new EnumMap<>(AppSecrets.class);
        for (AppSecrets secret : AppSecrets.values()) {
            secrets.put(secret, ConnectionSecrets.container(owner, args, "feature-api-" + secret.slug(),
                    secret.secretName(args.config()),
                    "feature-api " + secret.variable() + ": generated and pushed once by External Secrets in the cluster",
                    Map.of(MANAGED_BY_KEY, MANAGED_BY_VALUE)));
        }
        return secrets;
    }
}
