package com.featureapi.platform.kubernetes;

import com.featureapi.platform.config.AppConfig;
import com.featureapi.platform.naming.ServiceAccounts;
import com.featureapi.platform.naming.TracingEndpoints;

import java.util.List;

/**
 * The values of {@code charts/feature-api} (same shape as its values.yaml, checked by its
 * values.schema.json). Built from typed config and the other tiers' outputs; serialized by {@link HelmValues}.
 */
public record FeatureApiValues(
        String environment,
        String logLevel,
        Image image,
        String chartDigest,
        ServiceAccount serviceAccount,
        Resources resources,
        Autoscaling autoscaling,
        Shutdown shutdown,
        PodDisruptionBudget podDisruptionBudget,
        SpotPlacement spotPool,
        Ingress ingress,
        NetworkPolicy networkPolicy,
        ExternalSecrets externalSecrets,
        AppSecretFiles appSecrets,
        Migrations migrations,
        ServiceMonitor serviceMonitor,
        Tracing tracing) {

    public record Image(String repository, String tag, String pullPolicy) {
    }

    /** The service account the app's Pod Identity association names: the chart creates it with this name. */
    public record ServiceAccount(String name) {
    }

    public record Resources(Quantities requests, Quantities limits) {
        static Resources of(AppConfig.Resources r) {
            return new Resources(new Quantities(r.cpuRequest(), r.memoryRequest()), new Quantities(r.cpuLimit(), r.memoryLimit()));
        }
    }

    public record Quantities(String cpu, String memory) {
    }

    public record Autoscaling(int minReplicas, int maxReplicas, int targetCPUUtilizationPercentage,
                              int targetMemoryUtilizationPercentage) {
    }

    /**
     * How a pod leaves the ALB without failed requests: it sleeps in preStop at least as long as the target group's
     * deregistration delay, so the ALB has drained it before it stops, and the grace period leaves time after that
     * for the app's own stop on SIGTERM. The chart refuses values that break either rule.
     */
    public record Shutdown(int deregistrationDelaySeconds, int preStopSleepSeconds, int terminationGracePeriodSeconds) {
        /** 30 s drain (the ALB's default is 300 s, which would hold every rollout), 35 s sleep, 30 s to stop. */
        public static final Shutdown DEFAULT = new Shutdown(30, 35, 65);
    }

    public record PodDisruptionBudget(int minAvailable) {
    }

    /**
     * Where the app's pods may run when the stack has seed 002's Karpenter spot pool: the app is stateless (no volume
     * but an emptyDir, sessions and data in Redis and PostgreSQL), runs at least two replicas behind a PodDisruptionBudget
     * and stops cleanly within a spot interruption's two minutes (preStop 35 s + 30 s), so it alone tolerates the pool's
     * taint. The affinity is preferred, never required: when spot capacity is short the pods still run on the managed
     * node groups. The migration hook Job (a one-off against the database) gets neither.
     *
     * @param enabled    whether the pods tolerate the taint and prefer the pool's nodes
     * @param nodePool   the NodePool's name: Karpenter labels its nodes {@code karpenter.sh/nodepool=<name>}
     * @param taintKey   the pool's taint ({@code <key>=true:NoSchedule})
     * @param weight     the preference's weight (1-100) against the scheduler's other scores
     */
    public record SpotPlacement(boolean enabled, String nodePool, String taintKey, int weight) {
        /** No spot pool: the pods run on the managed node groups only. */
        public static final SpotPlacement OFF = new SpotPlacement(false, "spot", "spot-instance", 100);

        public static SpotPlacement onPool(String nodePool, String taintKey) {
            return new SpotPlacement(true, nodePool, taintKey, 100);
        }
    }

    /**
     * @param internetFacing  internet-facing ALB in the public subnets, else internal (load-balancer or private subnets)
     * @param sslPolicy       the ALB's TLS policy (TLS 1.2 and 1.3 only)
     * @param accessLogBucket the data tier's access-log bucket (SSE-S3, as ALB access logs require)
     * @param webAclArn       the edge tier's web ACL, or {@link #NO_WEB_ACL}
     * @param responseHeaders the security headers of every HTTPS response
     * @param securityGroupId the security tier's {@code alb} group, which the controller attaches instead of making its
     *                        own: the node group's rules for it are the program's (SecurityGroups)
     * @param subnetIds       the ALB's subnets ({@code PlatformConfig.applicationLoadBalancerSubnets}), named on the
     *                        Ingress because the controller discovers subnets only when it creates an ALB
     */
    public record Ingress(String hostname, String certificateArn, boolean internetFacing, String sslPolicy,
                          String accessLogBucket, String webAclArn, ResponseHeaders responseHeaders,
                          String securityGroupId, List<String> subnetIds) {
        /** The annotation value that makes the load balancer controller remove a web ACL it associated before. */
        public static final String NO_WEB_ACL = "none";
    }

    /**
     * Security headers the ALB adds to every HTTPS response (listener attributes
     * {@code routing.http.response.*.header_value}), so the app cannot forget them. The ALB offers no Referrer-Policy
     * or Permissions-Policy attribute; the app's JSON responses need neither.
     *
     * @param strictTransportSecurity HSTS: one year (seed 001), subdomains included
     * @param contentSecurityPolicy   an API serves no documents: nothing may load, nothing may frame it
     * @param contentTypeOptions      {@code nosniff}, the only value the ALB takes
     * @param frameOptions            {@code DENY}: for browsers older than CSP's frame-ancestors
     * @param serverHeader            whether the ALB says {@code Server: awselb/2.0}; false hides it
     */
    public record ResponseHeaders(String strictTransportSecurity, String contentSecurityPolicy, String contentTypeOptions,
                                  String frameOptions, boolean serverHeader) {
        public static final ResponseHeaders DEFAULT = new ResponseHeaders("max-age=31536000; includeSubDomains",
                "default-src 'none'; frame-ancestors 'none'", "nosniff", "DENY", false);
    }

    /**
     * @param loadBalancerCidrs the subnets the ALB's nodes live in: the only sources of ingress besides monitoring
     * @param monitoringNamespace the namespace whose Prometheus may scrape the pods
     * @param dataCidrs         the database subnets: the only destinations of database and cache traffic
     * @param databasePort      PostgreSQL port
     * @param cachePort         Redis port
     */
    public record NetworkPolicy(List<String> loadBalancerCidrs, String monitoringNamespace, List<String> dataCidrs,
                                int databasePort, int cachePort) {
    }

    /**
     * @param secretStore    the ClusterSecretStore on Secrets Manager
     * @param databaseSecret secret name of the database connection info (no password: IAM authentication)
     * @param cacheSecret    secret name of the cache connection info
     * @param refreshInterval how often External Secrets re-reads them
     */
    /**
     * @param readReplica the database secret carries {@code readHost} (platform:database.readReplica): the chart adds
     *                    seed 001's {@code DATABASE_READ_REPLICA_URL} and {@code DB_READ_HOST}
     */
    public record ExternalSecrets(String secretStore, String databaseSecret, String cacheSecret, String refreshInterval,
                                  boolean readReplica) {
    }

    /**
     * The app's own secrets ({@link com.featureapi.platform.naming.AppSecrets}), synced into one Secret and mounted as files.
     *
     * @param secretName the Secret the chart's ExternalSecret creates and the Deployment mounts
     * @param mountPath  the folder of the files in the pod
     * @param secrets    one file each, named by the app's variable ({@code JWT_SECRET_FILE} points at it)
     */
    public record AppSecretFiles(String secretName, String mountPath, List<AppSecretFile> secrets) {
    }

    /**
     * @param variable  the app's variable, {@code JWT_SECRET}
     * @param file      the file name under the mount path, {@code jwt-secret}
     * @param remoteKey the Secrets Manager secret's name
     */
    public record AppSecretFile(String variable, String file, String remoteKey) {
    }

    /**
     * The pre-install/pre-upgrade hook that creates the application's PostgreSQL role.
     *
     * @param image          a PostgreSQL client image of the server's major version
     * @param masterSecretArn the RDS-managed master user secret (username and password)
     * @param databaseHost   database endpoint
     * @param databasePort   database port
     * @param databaseName   the application's database
     * @param appUser        the role to create, granted {@code rds_iam}
     */
    public record Migrations(Image image, String masterSecretArn, String databaseHost, int databasePort,
                             String databaseName, String appUser) {
    }

    public record ServiceMonitor(boolean enabled, String interval) {
    }

    /**
     * Where the app sends its spans (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME), and the collector's pods that
     * the NetworkPolicy lets it reach.
     *
     * @param serviceName        the service name on every span
     * @param otlpEndpoint       the collector's OTLP/HTTP endpoint
     * @param collectorNamespace the collector's namespace
     * @param collectorPodLabels labels that select the collector's pods
     * @param collectorPort      the port the app sends OTLP/HTTP to
     */
    public record Tracing(String serviceName, String otlpEndpoint, String collectorNamespace,
                          java.util.Map<String, String> collectorPodLabels, int collectorPort) {

        /** The platform's collector ({@link TracingEndpoints}), labelled as its chart labels its pods. */
        public static Tracing toPlatformCollector(String serviceName) {
            return new Tracing(serviceName, TracingEndpoints.collectorOtlpHttp(), ServiceAccounts.MONITORING_NAMESPACE,
                    new java.util.TreeMap<>(java.util.Map.of("app.kubernetes.io/name", TracingEndpoints.COLLECTOR,
                            "app.kubernetes.io/instance", TracingEndpoints.COLLECTOR)),
                    TracingEndpoints.OTLP_HTTP_PORT);
        }
    }
}
