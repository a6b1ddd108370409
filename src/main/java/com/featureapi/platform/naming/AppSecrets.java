package com.featureapi.platform.naming;

import com.featureapi.platform.config.PlatformConfig;

/**
 * The application's own secrets (seed 002's {@code JWT_SECRET}, seed 001's {@code AUTH_SECRET} and
 * {@code ENCRYPTION_KEY}): one Secrets Manager secret each under {@code <project>/<stack>/feature-api/}, whose value
 * External Secrets generates and pushes once in the cluster, and a file of the same name in the app's pod. The data
 * tier (the secret), the security tier (who may push and read it) and the Kubernetes tier (generator, push, sync,
 * mount) all take the names from here, so they cannot drift apart.
 */
public enum AppSecrets {
    JWT_SECRET("jwt-secret"),
    AUTH_SECRET("auth-secret"),
    ENCRYPTION_KEY("encryption-key");

    /** Where the pod sees the files ({@code <mountPath>/jwt-secret}, ...). */
    public static final String MOUNT_PATH = "/var/run/secrets/feature-api";

    private final String slug;

    AppSecrets(String slug) {
        this.slug = slug;
    }

    /** The app's variable: {@code JWT_SECRET}; the pod gets {@code JWT_SECRET_FILE} pointing at the file. */
    public String variable() {
        return name();
    }

    /** File name in the mounted secret and last part of the Secrets Manager name: {@code jwt-secret}. */
    public String slug() {
        return slug;
    }

    /** {@code <project>/<stack>/feature-api/jwt-secret}. */
    public String secretName(PlatformConfig config) {
        return ResourceNames.secretsPrefix(config) + "feature-api/" + slug;
    }

    /**
     * The ARN of exactly this secret: Secrets Manager appends a dash and six random characters to the name, which
     * {@code ??????} matches and nothing longer does (the IAM user guide's advice for secret ARNs in policies).
     */
    public String secretArn(PlatformConfig config) {
        return ResourceNames.secretArnPattern(config, "feature-api/" + slug + "-??????");
    }
}
