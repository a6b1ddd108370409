package com.featureapi.platform.kubernetes;

import com.featureapi.platform.config.AppConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.SubnetConfig;
import com.featureapi.platform.config.SubnetRole;
import com.featureapi.platform.naming.AppSecrets;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.naming.ServiceAccounts;
import com.featureapi.platform.security.SecurityGroups;
import com.featureapi.platform.security.WorkloadRole;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes tier ({@code platform:kubernetes:Workloads}): namespaces with Pod Security labels, the default
 * encrypted gp3 StorageClass, the platform add-ons as Helm releases, and the feature-api release of the local
 * chart {@code charts/feature-api}. Everything goes through the cluster tier's provider; every add-on runs as
 * the service account its Pod Identity association names, taken from the same {@link WorkloadRole}.
 */
public final class Workloads extends ComponentResource {

    public static final String TYPE = "platform:kubernetes:Workloads";

    /** Namespace of Prometheus, Grafana and the log shippers (observability tier). */
    public static final String MONITORING_NAMESPACE = com.featureapi.platform.naming.ServiceAccounts.MONITORING_NAMESPACE;
    /** Namespace of Velero (observability tier); the security tier's velero role is scoped to it. */
    public static final String BACKUPS_NAMESPACE = com.featureapi.platform.naming.ServiceAccounts.BACKUPS_NAMESPACE;
    /** The default StorageClass. */
    public static final String STORAGE_CLASS = "gp3";
    /** The ClusterSecretStore on Secrets Manager that every ExternalSecret uses. */
    public static final String SECRET_STORE = "aws-secrets-manager";
    /** Pod Identity role names of the security tier that the add-ons run as. */
    static final String LOAD_BALANCER_CONTROLLER_ROLE = "load-balancer-controller";
    static final String CLUSTER_AUTOSCALER_ROLE = "cluster-autoscaler";
    static final String EXTERNAL_SECRETS_ROLE = "external-secrets";
    static final String APP_ROLE = "feature-api";
    public static final String VELERO_ROLE = "velero";
    /** Whether Velero runs its node-agent DaemonSet (file-system backups); the backups namespace's level follows it. */
    public static final boolean VELERO_NODE_AGENT = false;
    /** The namespace label that makes the AWS Load Balancer Controller inject its pod readiness gate. */
    static final String POD_READINESS_GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";
    /** TLS 1.3 and 1.2 only (AWS's recommended ALB policy). */
    static final String ALB_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    /** A PostgreSQL client of the server's major version for the migration hook. */
    static final String POSTGRES_CLIENT_REPOSITORY = "postgres";

    private final Provider provider;
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final Map<String, List<Resource>> networkPolicies = new LinkedHashMap<>();
    private final Map<String, Release> releases = new LinkedHashMap<>();
    private final String appNamespace;
    private final String addonsNamespace;
    private final StorageClass storageClass;
    private final Map<String, Resource> podIdentityAssociations;
    private final Release externalSecretsRelease;
    private SpotPool spotPool;

    public Workloads(String name, WorkloadsArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        PlatformConfig config = args.config();
        this.provider = args.provider();
        this.podIdentityAssociations = Map.copyOf(args.podIdentityAssociations());
        Map<String, WorkloadRole> roles = new LinkedHashMap<>();
        args.workloadRoles().forEach(role -> roles.put(role.name(), role));
        WorkloadRole app = role(roles, APP_ROLE);
        WorkloadRole externalSecrets = role(roles, EXTERNAL_SECRETS_ROLE);
        WorkloadRole velero = role(roles, VELERO_ROLE);
        if (!velero.namespace().equals(BACKUPS_NAMESPACE)) {
            throw new IllegalArgumentException("the velero Pod Identity role is scoped to namespace " + velero.namespace()
                    + ", but the backups namespace is " + BACKUPS_NAMESPACE);
        }
        requireOpenWebhookPorts();
        this.appNamespace = app.namespace();
        this.addonsNamespace = externalSecrets.namespace();

        // The application runs fully restricted. The add-ons' namespace too: External Secrets' pods are
        // restricted-compliant as the chart ships them.
        // The ALB targets pod IPs: the load balancer controller's webhook gives the app's pods a readiness gate that
        // holds a rollout until each new pod is healthy in the target group (label on the namespace, as it reads it).
        namespace(appNamespace, PodSecurity.RESTRICTED, "feature-api", Map.of(POD_READINESS_GATE_LABEL, "enabled"));
        namespace(addonsNamespace, PodSecurity.RESTRICTED, "platform");
        // node-exporter (kube-prometheus-stack) needs hostNetwork, hostPID and hostPath volumes.
        namespace(MONITORING_NAMESPACE, PodSecurity.PRIVILEGED, "platform");
        // Velero's node-agent (file-system backups of volumes) would mount the kubelet's pod directory (hostPath),
        // which baseline forbids; without it (volumes are backed up as EBS snapshots) the server needs only baseline.
        namespace(BACKUPS_NAMESPACE, VELERO_NODE_AGENT ? PodSecurity.PRIVILEGED : PodSecurity.BASELINE, "platform");
        // external-dns alone in its namespace: the chart's pod (1.21.1) is restricted-compliant as shipped.
        WorkloadRole dns = role(roles, ServiceAccounts.EXTERNAL_DNS.role());
        namespace(dns.namespace(), PodSecurity.RESTRICTED, "platform");

        // Default deny in every namespace created here, and what each add-on needs beside it (NamespaceNetworkPolicies).
        var policies = new NamespaceNetworkPolicies(config);
        networkPolicies(appNamespace, policies.application(args.data().databasePort()));
        networkPolicies(addonsNamespace, policies.externalSecrets());
        networkPolicies(MONITORING_NAMESPACE, policies.monitoring(appNamespace));
        networkPolicies(BACKUPS_NAMESPACE, policies.backups());
        networkPolicies(dns.namespace(), policies.externalDns());
        // A namespace added without its policies would run open: refuse it here rather than in the cluster.
        namespaces.keySet().stream().filter(namespace -> !networkPolicies.containsKey(namespace)).findFirst().ifPresent(namespace -> {
            throw new IllegalStateException("namespace " + namespace + " has no NetworkPolicies: add its default deny and allowances "
                    + "to NamespaceNetworkPolicies and Workloads");
        });

        this.storageClass = defaultStorageClass(config, args.ebsKeyArn());

        Release loadBalancerController = loadBalancerController(config, args, role(roles, LOAD_BALANCER_CONTROLLER_ROLE));
        if (config.cluster().autoscalerOwnsDesiredSize()) {
            clusterAutoscaler(config, args, role(roles, CLUSTER_AUTOSCALER_ROLE));
        }
        this.externalSecretsRelease = externalSecrets(externalSecrets);
        Resource secretStore = clusterSecretStore(config, externalSecretsRelease);
        metricsServer();
        externalDns(config, dns);
        args.spotPool().ifPresent(pool -> this.spotPool = new SpotPool(this, config, args, role(roles, SpotPool.CONTROLLER_ROLE), pool));
        List<Resource> appSecretPushes = AppSecretPushes.create(config, addonsNamespace, SECRET_STORE,
                List.of(externalSecretsRelease, secretStore, namespace(addonsNamespace)), args.data().applicationSecrets(),
                child(List.of()));
        List<Resource> featureApiAfter = new ArrayList<>(List.of(loadBalancerController, externalSecretsRelease, secretStore,
                podIdentityAssociation(app.name())));
        // The app's pods mount its secrets: the first install waits until each has been pushed once.
        featureApiAfter.addAll(appSecretPushes);
        // Its ExternalSecret turns the connection-info values into the Secret the pods read at start (envFrom): without
        // a value, External Secrets fails the sync and the pods cannot start. The database's value waits for the read
        // replica (readHost), created after the primary whose address the release's values wait for.
        featureApiAfter.addAll(args.data().connectionInfoValues());
        featureApi(config, args, app, featureApiAfter);

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("namespaces", Output.of(List.copyOf(namespaces.keySet())));
        outputs.put("releases", Output.of(List.copyOf(releases.keySet())));
        outputs.put("storageClass", Output.of(STORAGE_CLASS));
        registerOutputs(outputs);
    }

    /** The provider every Kubernetes object of the platform is created with. */
    public Provider provider() {
        return provider;
    }

    /** Karpenter and the spot pool, when the stack has them ({@code platform:cluster.spotPool.enabled}). */
    public java.util.Optional<SpotPool> spotPool() {
        return java.util.Optional.ofNullable(spotPool);
    }

    /** The application's namespace ({@code platform:app.namespace}). */
    public String appNamespaceName() {
        return appNamespace;
    }

    /**
     * The External Secrets release: it serves the CRDs and the admission webhook of every {@code external-secrets.io}
     * and {@code generators.external-secrets.io} object, which must wait for it (a fresh cluster has neither).
     */
    public Release externalSecretsRelease() {
        return externalSecretsRelease;
    }

    /**
     * The Pod Identity association of a role of the security tier: a workload running as its service account waits for
     * it, because EKS injects the credentials into a pod only when the association exists at the pod's admission.
     */
    public Resource podIdentityAssociation(String roleName) {
        Resource association = podIdentityAssociations.get(roleName);
        if (association == null) {
            throw new IllegalArgumentException("no Pod Identity association for role \"" + roleName + "\"; associations: "
                    + new java.util.TreeSet<>(podIdentityAssociations.keySet()));
        }
        return association;
    }

    /** The add-ons' own namespace (External Secrets); the AWS controllers run in kube-system as their roles say. */
    public String addonsNamespaceName() {
        return addonsNamespace;
    }

    /** A namespace this tier created: {@link #appNamespaceName()}, {@link #addonsNamespaceName()}, {@link #MONITORING_NAMESPACE}, {@link #BACKUPS_NAMESPACE}. */
    public Namespace namespace(String name) {
        Namespace namespace = namespaces.get(name);
        if (namespace == null) {
            throw new IllegalArgumentException("no namespace " + name + "; namespaces: " + namespaces.keySet());
        }
        return namespace;
    }

    /**
     * The NetworkPolicies of a namespace this tier created: a workload installed there waits for them, so it starts under
     * its allowances rather than under the default deny alone (a hook Job would otherwise fail its first tries).
     */
    public List<Resource> networkPolicies(String namespace) {
        List<Resource> policies = networkPolicies.get(namespace);
        if (policies == null) {
            throw new IllegalArgumentException("no NetworkPolicies for namespace " + namespace + "; namespaces: " + networkPolicies.keySet());
        }
        return policies;
    }

    public Namespace monitoringNamespace() {
        return namespace(MONITORING_NAMESPACE);
    }

    public Namespace backupsNamespace() {
        return namespace(BACKUPS_NAMESPACE);
    }

    /** The default StorageClass ({@value #STORAGE_CLASS}), for charts that ask for volumes. */
    public StorageClass storageClass() {
        return storageClass;
    }

    public String storageClassName() {
        return STORAGE_CLASS;
    }

    /**
     * Every webhook an add-on serves must be reachable from the control plane, or the API server times out
     * on it (and refuses, for example, every Ingress): the security tier's list of ports is the one source.
     */
    private static void requireOpenWebhookPorts() {
        java.util.Set<Integer> open = new java.util.TreeSet<>();
        SecurityGroups.CONTROL_PLANE_TO_NODE_WEBHOOK_PORTS.forEach(port -> open.add(port.port()));
        for (Charts chart : Charts.values()) {
            chart.webhookPort().filter(port -> !open.contains(port)).ifPresent(port -> {
                throw new IllegalStateException("the " + chart.chart() + " chart serves its webhook on port " + port
                        + ", which SecurityGroups.CONTROL_PLANE_TO_NODE_WEBHOOK_PORTS does not open to the control plane " + open);
            });
        }
    }

    private static WorkloadRole role(Map<String, WorkloadRole> roles, String name) {
        WorkloadRole role = roles.get(name);
        if (role == null) {
            throw new IllegalArgumentException("the Kubernetes tier needs a Pod Identity role named \"" + name
                    + "\", but the security tier provides only " + roles.keySet());
        }
        return role;
    }

    CustomResourceOptions child(List<Resource> dependsOn) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(dependsOn).build();
    }

    private void namespace(String name, PodSecurity level, String partOf) {
        namespace(name, level, partOf, Map.of());
    }

    private void namespace(String name, PodSecurity level, String partOf, Map<String, String> extraLabels) {
        if (namespaces.containsKey(name)) {
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>(level.labels());
        labels.putAll(new java.util.TreeMap<>(extraLabels));
        labels.put("app.kubernetes.io/part-of", partOf);
        labels.put("app.kubernetes.io/managed-by", "pulumi");
        namespaces.put(name, new Namespace(name, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).labels(labels).build())
                .build(), child(List.of())));
    }

    private void networkPolicies(String namespace, List<NamespaceNetworkPolicies.Policy> policies) {
        List<Resource> created = new ArrayList<>();
        for (NamespaceNetworkPolicies.Policy policy : policies) {
            created.add(new KubernetesObject(namespace + "-" + policy.name(), new KubernetesObject.Args("networking.k8s.io/v1", "NetworkPolicy",
                    Map.of("name", policy.name(), "namespace", namespace, "labels", Map.of("app.kubernetes.io/part-of", "platform",
                            "app.kubernetes.io/managed-by", "pulumi")), policy.spec()),
                    child(List.of(namespace(namespace)))));
        }
        networkPolicies.put(namespace, List.copyOf(created));
    }

    private StorageClass defaultStorageClass(PlatformConfig config, Output<String> ebsKeyArn) {
        var gp3 = new StorageClass(STORAGE_CLASS, StorageClassArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(STORAGE_CLASS)
                        .annotations(Map.of("storageclass.kubernetes.io/is-default-class", "true")).build())
                .provisioner("ebs.csi.aws.com")
                .parameters(ebsKeyArn.applyValue(key -> Map.of(
                        "type", "gp3", "encrypted", "true", "kmsKeyId", key, "csi.storage.k8s.io/fstype", "ext4")))
                // Volumes are created in the zone of the pod that claims them, never in a zone with no node for it.
                .volumeBindingMode("WaitForFirstConsumer")
                .allowVolumeExpansion(true)
                // Production volumes outlive a deleted claim (Prometheus, Loki); staging cleans up after itself.
                .reclaimPolicy(config.environment().isProduction() ? "Retain" : "Delete")
                .build(), child(List.of()));
        // No patch of EKS's gp2 class: clusters created on EKS 1.30 or later (the only ones this program makes; see
        // Charts.CLUSTER_AUTOSCALER_IMAGE_TAGS) no longer mark gp2 default, a patch of an absent gp2 fails the update,
        // and since Kubernetes 1.26 claims without a class take the newest default class anyway.
        return gp3;
    }

    Release release(String name, Charts chart, String namespace, Output<Map<String, Object>> values, List<Resource> dependsOn) {
        var release = ReleaseArgs.builder()
                .name(name)
                .chart(chart.chart())
                .version(chart.version())
                .namespace(namespace)
                .values(values)
                // A failed upgrade rolls back instead of leaving a half-applied release.
                .atomic(true)
                .cleanupOnFail(true)
                .maxHistory(10)
                .timeout(chart.timeoutSeconds());
        if (!chart.isLocal() && !chart.isOci()) {
            release.repositoryOpts(RepositoryOptsArgs.builder().repo(chart.repository()).build());
        }
        List<Resource> after = new ArrayList<>(dependsOn);
        Namespace own = namespaces.get(namespace);
        if (own != null) {
            after.add(own);
            after.addAll(networkPolicies.getOrDefault(namespace, List.of()));
        }
        Release created = new Release(name, release.build(), child(after));
        releases.put(name, created);
        return created;
    }

    private Release loadBalancerController(PlatformConfig config, WorkloadsArgs args, WorkloadRole role) {
        Output<Map<String, Object>> values = Output.tuple(args.clusterName(), args.vpcId()).applyValue(t -> HelmValues.of(
                new AddonValues.LoadBalancerController(t.t1, config.region(), t.t2,
                        new AddonValues.ServiceAccount(true, role.serviceAccount()), 2,
                        // Services of type LoadBalancer keep their default; only Ingresses get ALBs from it.
                        false, Map.of("kubernetes.io/os", "linux"),
                        // The chart (3.5.0) leaves resources empty and suggests 100m/128Mi; the memory limit is doubled
                        // because the controller caches every pod of the namespaces it injects readiness gates into.
                        AddonValues.Resources.of("100m", "128Mi", "256Mi"))));
        return release("aws-load-balancer-controller", Charts.AWS_LOAD_BALANCER_CONTROLLER, role.namespace(), values,
                List.of(podIdentityAssociation(role.name())));
    }

    private void clusterAutoscaler(PlatformConfig config, WorkloadsArgs args, WorkloadRole role) {
        String imageTag = Charts.clusterAutoscalerImageTag(config.cluster().kubernetesVersion());
        Map<String, Object> extraArgs = new LinkedHashMap<>();
        // Node groups of one shape in several AZs are balanced, so a zone outage leaves capacity elsewhere.
        extraArgs.put("balance-similar-node-groups", true);
        extraArgs.put("expander", "least-waste");
        extraArgs.put("skip-nodes-with-system-pods", false);
        Output<Map<String, Object>> values = args.clusterName().applyValue(cluster -> HelmValues.of(
                new AddonValues.ClusterAutoscaler(new AddonValues.ClusterAutoscaler.AutoDiscovery(cluster), config.region(),
                        new AddonValues.ClusterAutoscaler.Image(imageTag),
                        new AddonValues.ClusterAutoscaler.Rbac(new AddonValues.ServiceAccount(true, role.serviceAccount())),
                        // The chart (9.59.0) leaves resources empty and suggests 100m/300Mi; its memory grows with the
                        // number of nodes and pods it simulates, so the limit leaves twice the request.
                        extraArgs, AddonValues.Resources.of("100m", "300Mi", "600Mi"))));
        release("cluster-autoscaler", Charts.CLUSTER_AUTOSCALER, role.namespace(), values, List.of(podIdentityAssociation(role.name())));
    }

    private Release externalSecrets(WorkloadRole role) {
        // Two replicas reconcile the same objects unless one leads (the chart's leaderElect defaults to false).
        Output<Map<String, Object>> values = Output.of(HelmValues.of(new AddonValues.ExternalSecrets(true,
                new AddonValues.ServiceAccount(true, role.serviceAccount()), 2, true,
                // external-secrets 2.9.0 leaves every resources block empty: small requests, memory capped.
                AddonValues.Resources.of("50m", "128Mi", "256Mi"),
                new AddonValues.ExternalSecrets.Component(AddonValues.Resources.of("20m", "64Mi", "128Mi")),
                new AddonValues.ExternalSecrets.Component(AddonValues.Resources.of("20m", "64Mi", "128Mi")))));
        return release("external-secrets", Charts.EXTERNAL_SECRETS, role.namespace(), values, List.of(podIdentityAssociation(role.name())));
    }

    /** Secrets Manager of the stack's region; the controller authenticates with its Pod Identity role. */
    private Resource clusterSecretStore(PlatformConfig config, Release externalSecrets) {
        Map<String, Object> secretsManager = new LinkedHashMap<>();
        secretsManager.put("service", "SecretsManager");
        secretsManager.put("region", config.region());
        Map<String, Object> spec = Map.of("provider", Map.of("aws", secretsManager));
        return new KubernetesObject(SECRET_STORE, new KubernetesObject.Args("external-secrets.io/v1", "ClusterSecretStore",
                Map.of("name", SECRET_STORE), Output.of(spec)), child(List.of(externalSecrets)));
    }

    /**
     * metrics-server from its Helm chart rather than the EKS community add-on: the chart's pin is confirmed from
     * its index (versions.md), the add-on's version on 1.35 only from secondary sources, and it needs no AWS role.
     */
    private void metricsServer() {
        // The chart's defaultArgs (3.13.1) already carry --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname;
        // appending the flag through args would repeat it. They are overridden on purpose, with InternalIP only (EKS
        // nodes are reached on their VPC address) and the chart's other defaults kept.
        Output<Map<String, Object>> values = Output.of(HelmValues.of(new AddonValues.MetricsServer(2, List.of(
                "--cert-dir=/tmp", "--kubelet-preferred-address-types=InternalIP", "--kubelet-use-node-status-port",
                "--metric-resolution=15s"),
                // The chart's (3.13.1) requests, sized by metrics-server for clusters of up to 100 nodes (its README,
                // "Scaling"); it sets no limit: memory is capped at twice the request.
                AddonValues.Resources.of("100m", "200Mi", "400Mi"))));
        release("metrics-server", Charts.METRICS_SERVER, "kube-system", values, List.of());
    }

    /**
     * external-dns keeps {@code platform:app.hostname} pointing at the ALB the load balancer controller made for the
     * app's Ingress (an alias record, followed when the ALB is replaced), in the one zone of {@code platform:dns}:
     * <ul>
     * <li>{@code sync}, not the chart's {@code upsert-only}: a hostname changed in config, or an Ingress removed, takes
     * its record away instead of leaving it on a deleted ALB. It deletes only records whose TXT ownership record names
     * this stack ({@code txtOwnerId}, the stack's name prefix), so records of other stacks or people in the zone are
     * left alone;</li>
     * <li>the domain filter and the zone-id filter keep it to that zone, the zone type to the kind
     * {@code platform:dns.privateZone} says (by default private for an internal ALB, public for an internet-facing
     * one);</li>
     * <li>Ingresses only (no Service of the platform asks for a DNS name);</li>
     * <li>the region in the environment: pods cannot reach instance metadata (IMDSv2 hop limit 1), and the AWS SDK
     * needs a region even for Route 53 (the upstream tutorial sets AWS_DEFAULT_REGION the same way).</li>
     * </ul>
     */
    private void externalDns(PlatformConfig config, WorkloadRole role) {
        Map<String, String> zoneFilters = new java.util.TreeMap<>();
        zoneFilters.put("aws-zone-type", config.dns().zoneType());
        zoneFilters.put("zone-id-filter", config.dns().hostedZoneId());
        Output<Map<String, Object>> values = Output.of(HelmValues.of(new AddonValues.ExternalDns(
                new AddonValues.ExternalDns.Provider("aws"), new AddonValues.ExternalDns.Image(Charts.EXTERNAL_DNS_IMAGE_TAG),
                new AddonValues.ServiceAccount(true, role.serviceAccount()), List.of("ingress"), "sync", "txt",
                config.namePrefix(), List.of(config.dns().domain()), zoneFilters,
                List.of(new AddonValues.ExternalDns.EnvVar("AWS_DEFAULT_REGION", config.region())),
                // The chart (1.21.1) leaves resources empty; one Go process polling one zone every minute.
                AddonValues.Resources.of("50m", "64Mi", "128Mi"))));
        release("external-dns", Charts.EXTERNAL_DNS, role.namespace(), values, List.of(podIdentityAssociation(role.name())));
    }

    static FeatureApiValues.AppSecretFiles appSecretFiles(PlatformConfig config) {
        return new FeatureApiValues.AppSecretFiles("feature-api-app-secrets", AppSecrets.MOUNT_PATH,
                java.util.Arrays.stream(AppSecrets.values())
                        .map(secret -> new FeatureApiValues.AppSecretFile(secret.variable(), secret.slug(), secret.secretName(config)))
                        .toList());
    }

    private void featureApi(PlatformConfig config, WorkloadsArgs args, WorkloadRole role, List<Resource> after) {
        AppConfig app = config.app();
        WorkloadsArgs.DataEndpoints data = args.data();
        // The ALB connects to pod IPs from its own addresses, in the subnets the Ingress names.
        List<String> albCidrs = config.network().subnets(config.applicationLoadBalancerSubnets()).stream().map(SubnetConfig::cidr).toList();
        List<String> dataCidrs = config.network().subnets(SubnetRole.DATABASE).stream().map(SubnetConfig::cidr).toList();
        String secrets = ResourceNames.secretsPrefix(config) + "feature-api/";
        String postgresTag = config.database().engineVersion() + "-alpine";
        // Relative to the project folder (the working directory at `pulumi up`, as the release's chart path is for
        // the provider; the offline engine's --project-dir, which may be a review's worktree).
        // No fallback to another folder's chart: a review's worktree must digest its own chart, and a project
        // without one fails with ChartDigest's message naming the folder.
        String chartDigest = ChartDigest.of(com.featureapi.platform.ProjectDirectory.get().resolve(Charts.FEATURE_API_PATH));
        Output<String> webAclArn = args.webAclArn().orElse(Output.of(FeatureApiValues.Ingress.NO_WEB_ACL));
        Output<Map<String, Object>> values = Output.tuple(data.databaseAddress(), data.databasePort(), data.cachePort(),
                data.databaseMasterSecretArn(), data.accessLogBucket(), webAclArn, args.loadBalancerSecurityGroupId(),
                args.loadBalancerSubnetIds()).applyValue(t -> HelmValues.of(new FeatureApiValues(
                config.environment().name().toLowerCase(java.util.Locale.ROOT),
                app.logLevel().orElse(config.environment().defaultLogLevel()),
                new FeatureApiValues.Image(app.imageRepository(), app.imageTag(), "IfNotPresent"),
                chartDigest,
                new FeatureApiValues.ServiceAccount(role.serviceAccount()),
                FeatureApiValues.Resources.of(app.resources()),
                new FeatureApiValues.Autoscaling(app.minReplicas(), app.maxReplicas(),
                        app.targetCpuUtilizationPercent(), app.targetMemoryUtilizationPercent()),
                FeatureApiValues.Shutdown.DEFAULT,
                new FeatureApiValues.PodDisruptionBudget(1),
                config.cluster().spotPool().enabled() ? FeatureApiValues.SpotPlacement.onPool(SpotPool.NAME, SpotPool.TAINT_KEY)
                        : FeatureApiValues.SpotPlacement.OFF,
                new FeatureApiValues.Ingress(app.hostname(), app.certificateArn(), app.internetFacing(), ALB_SSL_POLICY, t.t5,
                        t.t6, FeatureApiValues.ResponseHeaders.DEFAULT, t.t7, t.t8),
                new FeatureApiValues.NetworkPolicy(albCidrs, MONITORING_NAMESPACE, dataCidrs, t.t2, t.t3),
                new FeatureApiValues.ExternalSecrets(SECRET_STORE, secrets + "database", secrets + "cache", "1h",
                        config.database().readReplica().enabled()),
                appSecretFiles(config),
                new FeatureApiValues.Migrations(new FeatureApiValues.Image(POSTGRES_CLIENT_REPOSITORY, postgresTag, "IfNotPresent"),
                        t.t4, t.t1, t.t2, data.databaseName(), ResourceNames.DATABASE_APP_USER),
                // The ServiceMonitor CRD comes with kube-prometheus-stack in the observability tier, which is
                // installed after this one: scraping works through the pod annotations until it is enabled.
                new FeatureApiValues.ServiceMonitor(false, "30s"),
                FeatureApiValues.Tracing.toPlatformCollector("feature-api"))));
        release(Charts.FEATURE_API.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), Charts.FEATURE_API,
                role.namespace(), values, after);
    }
}
