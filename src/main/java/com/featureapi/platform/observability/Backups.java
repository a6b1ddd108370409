package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.SubnetRole;
import com.featureapi.platform.kubernetes.Charts;
import com.featureapi.platform.kubernetes.KubernetesObject;
import com.featureapi.platform.kubernetes.Workloads;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.naming.ServiceAccounts;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backups on schedule: Velero with the AWS plugin on the Velero bucket and role (seed 002's daily 02:00 schedule,
 * TTL 720 h, application and monitoring namespaces, EBS snapshots of their volumes), and the seed's logical database
 * backup as a hardened CronJob: {@code pg_dump} through IAM authentication, gzip, upload under
 * {@value ResourceNames#DATABASE_DUMP_PREFIX} in the backups bucket, whose lifecycle keeps them
 * {@code platform:storage.backupRetentionDays}.
 */
final class Backups {

    static final String SCHEDULE = "0 2 * * *";
    static final String TTL = "720h0m0s";
    static final String STORAGE_LOCATION = "aws-s3";
    static final String SNAPSHOT_LOCATION = "aws-ebs";
    /** After Velero (02:00) and RDS's backup window (03:00-04:00): a dump never competes with either. */
    static final String DUMP_SCHEDULE = "30 4 * * *";
    /**
     * The AWS CLI's official image. 2.15.61: a published tag (seen pinned in public Dockerfiles), and at least 2.15.0,
     * the first CLI that takes credentials from EKS Pod Identity (EKS user guide, "Use pod identity with the AWS SDK").
     * The image is amazonlinux:2 plus the CLI (aws/aws-cli docker/Dockerfile), whose base image ships curl (the
     * package lists of docker-library/official-images#20476), which the token step uses for the RDS CA bundle.
     */
    static final String AWS_CLI_IMAGE = "amazon/aws-cli:2.15.61";
    static final String DUMP_DIRECTORY = "/work";
    static final String DUMP_NAME = "database-dump";
    /** Selects the dump's pods (the Job template's labels) for the NetworkPolicy. */
    static final Map<String, String> DUMP_LABELS_SELECTOR = Map.of("app.kubernetes.io/name", DUMP_NAME, "app.kubernetes.io/instance", DUMP_NAME);
    static final Map<String, String> DUMP_LABELS = Map.of("app.kubernetes.io/name", DUMP_NAME, "app.kubernetes.io/instance", DUMP_NAME,
            "app.kubernetes.io/component", "database-backup", "app.kubernetes.io/part-of", "platform");
    /** The EKS Pod Identity agent's link-local address on every node (credentials over HTTP). */
    static final String POD_IDENTITY_AGENT = "169.254.170.23/32";
    /** UID of the postgres user in the official postgres Alpine image; runs the whole pod. */
    static final int RUN_AS_USER = 70;

    Backups(PlatformConfig config, Workloads workloads, Output<String> veleroBucket, Output<String> backupsBucket,
            Output<String> s3KeyArn, Output<String> databaseAddress, Output<Integer> databasePort, String databaseName, Resource parent) {
        String namespace = Workloads.BACKUPS_NAMESPACE;
        Output<Map<String, Object>> velero = Output.tuple(veleroBucket, s3KeyArn).applyValue(t -> veleroValues(config, t.t1, t.t2));
        Releases.of("velero", Charts.VELERO, namespace, velero, parent, workloads.provider(),
                Releases.after(workloads.networkPolicies(namespace), workloads.backupsNamespace(),
                        workloads.podIdentityAssociation(Workloads.VELERO_ROLE)));

        var inCluster = CustomResourceOptions.builder().parent(parent).provider(workloads.provider())
                .dependsOn(workloads.backupsNamespace()).build();
        var account = new ServiceAccount(ServiceAccounts.DATABASE_BACKUP.name(), ServiceAccountArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(ServiceAccounts.DATABASE_BACKUP.name()).namespace(namespace).build())
                .automountServiceAccountToken(false)
                .build(), inCluster);
        Output<Map<String, Object>> spec = Output.tuple(backupsBucket, databaseAddress, databasePort)
                .applyValue(t -> databaseDumpSpec(config, t.t1, t.t2, t.t3, databaseName));
        var networkPolicy = new KubernetesObject(DUMP_NAME, new KubernetesObject.Args("networking.k8s.io/v1", "NetworkPolicy",
                Map.of("name", DUMP_NAME, "namespace", namespace, "labels", DUMP_LABELS),
                databasePort.applyValue(port -> dumpNetworkPolicySpec(config, port))), inCluster);
        new KubernetesObject(DUMP_NAME, new KubernetesObject.Args("batch/v1", "CronJob",
                Map.of("name", DUMP_NAME, "namespace", namespace, "labels", DUMP_LABELS), spec),
                CustomResourceOptions.merge(inCluster, CustomResourceOptions.builder().dependsOn(Releases.after(workloads.networkPolicies(namespace),
                        account, networkPolicy, workloads.podIdentityAssociation(ServiceAccounts.DATABASE_BACKUP.role()))).build()));
    }

    /**
     * The dump pod accepts no connection and sends only what its three steps need: DNS, PostgreSQL into the database
     * subnets, credentials from the Pod Identity agent, and HTTPS (STS, the RDS CA bundle, S3).
     */
    static Map<String, Object> dumpNetworkPolicySpec(PlatformConfig config, int databasePort) {
        List<Map<String, Object>> databaseSubnets = config.network().subnets(SubnetRole.DATABASE).stream()
                .map(subnet -> Map.<String, Object>of("ipBlock", Map.of("cidr", subnet.cidr()))).toList();
        List<Map<String, Object>> egress = List.of(
                Map.of("to", List.of(Map.of(
                                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
                                "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")))),
                        "ports", List.of(Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53))),
                Map.of("to", databaseSubnets, "ports", List.of(Map.of("protocol", "TCP", "port", databasePort))),
                Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", POD_IDENTITY_AGENT))), "ports", List.of(Map.of("protocol", "TCP", "port", 80))),
                Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "0.0.0.0/0"))), "ports", List.of(Map.of("protocol", "TCP", "port", 443))));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("podSelector", Map.of("matchLabels", DUMP_LABELS_SELECTOR));
        spec.put("policyTypes", List.of("Ingress", "Egress"));
        spec.put("egress", egress);
        return spec;
    }

    static Map<String, Object> veleroValues(PlatformConfig config, String bucket, String s3KeyArn) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("initContainers", List.of(Map.of(
                "name", "velero-plugin-for-aws",
                "image", Charts.VELERO_AWS_PLUGIN_IMAGE,
                "imagePullPolicy", "IfNotPresent",
                // It copies the plugin binary into the shared volume and exits.
                "resources", MonitoringStack.resources("50m", "64Mi", "128Mi"),
                "volumeMounts", List.of(Map.of("mountPath", "/target", "name", "plugins")))));
        values.put("configuration", Map.of(
                "backupStorageLocation", List.of(Map.of("name", STORAGE_LOCATION, "provider", "aws", "bucket", bucket, "default", true,
                        // The bucket refuses uploads under any other key.
                        "config", Map.of("region", config.region(), "kmsKeyId", s3KeyArn))),
                "volumeSnapshotLocation", List.of(Map.of("name", SNAPSHOT_LOCATION, "provider", "aws", "default", true,
                        "config", Map.of("region", config.region())))));
        // Pod Identity: the velero role of the security tier, no credentials secret.
        values.put("credentials", Map.of("useSecret", false));
        values.put("serviceAccount", Map.of("server", Map.of("create", true, "name", "velero")));
        values.put("snapshotsEnabled", true);
        values.put("deployNodeAgent", Workloads.VELERO_NODE_AGENT);
        // The velero 12.1.0 chart's suggested requests and limits (500m/128Mi, 1000m/512Mi), without the CPU limit.
        values.put("resources", MonitoringStack.resources("500m", "128Mi", "512Mi"));
        // The upgradeCRDs hook job (velero install --crds-only): the chart's suggested 50m/128Mi, memory limit 256Mi.
        values.put("upgradeJobResources", MonitoringStack.resources("50m", "128Mi", "256Mi"));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("ttl", TTL);
        template.put("includedNamespaces", List.of(config.app().namespace(), Workloads.MONITORING_NAMESPACE));
        template.put("excludedResources", List.of("events", "events.events.k8s.io"));
        template.put("storageLocation", STORAGE_LOCATION);
        template.put("volumeSnapshotLocations", List.of(SNAPSHOT_LOCATION));
        template.put("snapshotVolumes", true);
        values.put("schedules", Map.of("daily", Map.of("disabled", false, "schedule", SCHEDULE, "useOwnerReferencesInBackup", false,
                "template", template)));
        return values;
    }

    /** The hardened context of every container: nothing to write but the dump directory, no privilege, no capability. */
    static Map<String, Object> containerSecurityContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("allowPrivilegeEscalation", false);
        context.put("readOnlyRootFilesystem", true);
        context.put("runAsNonRoot", true);
        context.put("runAsUser", RUN_AS_USER);
        context.put("runAsGroup", RUN_AS_USER);
        context.put("capabilities", Map.of("drop", List.of("ALL")));
        context.put("seccompProfile", Map.of("type", "RuntimeDefault"));
        return context;
    }

    static Map<String, Object> databaseDumpSpec(PlatformConfig config, String bucket, String host, int port, String database) {
        String region = config.region();
        String user = ResourceNames.DATABASE_BACKUP_USER;
        Map<String, Object> work = Map.of("name", "work", "mountPath", DUMP_DIRECTORY);
        List<Map<String, Object>> env = List.of(
                Map.of("name", "HOME", "value", DUMP_DIRECTORY),
                Map.of("name", "AWS_REGION", "value", region),
                Map.of("name", "PGHOST", "value", host),
                Map.of("name", "PGPORT", "value", Integer.toString(port)),
                Map.of("name", "PGDATABASE", "value", database),
                Map.of("name", "PGUSER", "value", user));
        // 1. An IAM auth token (valid 15 minutes, enough to connect) and the region's RDS CA bundle.
        Map<String, Object> token = container("token", AWS_CLI_IMAGE, env, String.join(" && ",
                "aws rds generate-db-auth-token --hostname \"$PGHOST\" --port \"$PGPORT\" --username \"$PGUSER\" --region \"$AWS_REGION\" > " + DUMP_DIRECTORY + "/token",
                "curl -fsS -o " + DUMP_DIRECTORY + "/rds-ca.pem https://truststore.pki.rds.amazonaws.com/" + region + "/" + region + "-bundle.pem"), work);
        // 2. pg_dump of the server's major, plain SQL (restorable with psql), compressed; TLS verified against RDS's CA.
        Map<String, Object> dump = container("dump", "postgres:" + config.database().engineVersion() + "-alpine", env, String.join(" && ",
                "set -o pipefail",
                "PGPASSWORD=\"$(cat " + DUMP_DIRECTORY + "/token)\" PGSSLMODE=verify-full PGSSLROOTCERT=" + DUMP_DIRECTORY + "/rds-ca.pem "
                        + "pg_dump --no-owner --no-privileges --quote-all-identifiers | gzip -9 > " + DUMP_DIRECTORY + "/dump.sql.gz",
                "rm -f " + DUMP_DIRECTORY + "/token"), work);
        // 3. Upload under the dump prefix; the bucket encrypts it with its key and its lifecycle expires it.
        Map<String, Object> upload = container("upload", AWS_CLI_IMAGE, env,
                "aws s3 cp " + DUMP_DIRECTORY + "/dump.sql.gz \"s3://" + bucket + "/" + ResourceNames.DATABASE_DUMP_PREFIX
                        + database + "-$(date -u +%Y%m%dT%H%M%SZ).sql.gz\"", work);

        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("serviceAccountName", ServiceAccounts.DATABASE_BACKUP.name());
        podSpec.put("restartPolicy", "Never");
        podSpec.put("securityContext", Map.of("runAsNonRoot", true, "runAsUser", RUN_AS_USER, "runAsGroup", RUN_AS_USER, "fsGroup", RUN_AS_USER,
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        podSpec.put("initContainers", List.of(token, dump));
        podSpec.put("containers", List.of(upload));
        podSpec.put("volumes", List.of(Map.of("name", "work", "emptyDir", Map.of("sizeLimit", "20Gi"))));
        Map<String, Object> jobSpec = new LinkedHashMap<>();
        jobSpec.put("backoffLimit", 2);
        jobSpec.put("activeDeadlineSeconds", 3 * 3600);
        jobSpec.put("ttlSecondsAfterFinished", 7 * 24 * 3600);
        jobSpec.put("template", Map.of("metadata", Map.of("labels", DUMP_LABELS), "spec", podSpec));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("schedule", DUMP_SCHEDULE);
        spec.put("timeZone", "Etc/UTC");
        spec.put("concurrencyPolicy", "Forbid");
        spec.put("successfulJobsHistoryLimit", 3);
        spec.put("failedJobsHistoryLimit", 3);
        spec.put("jobTemplate", Map.of("spec", jobSpec));
        return spec;
    }

    private static Map<String, Object> container(String name, String image, List<Map<String, Object>> env, String script, Map<String, Object> work) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", name);
        container.put("image", image);
        container.put("command", List.of("/bin/sh", "-c", script));
        container.put("env", env);
        container.put("volumeMounts", List.of(work));
        container.put("securityContext", containerSecurityContext());
        container.put("resources", Map.of("requests", Map.of("cpu", "100m", "memory", "256Mi"), "limits", Map.of("memory", "1Gi")));
        return container;
    }
}
