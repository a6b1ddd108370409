package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.kubernetes.Charts;
import com.featureapi.platform.kubernetes.Workloads;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.naming.ServiceAccounts;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One log pipeline: Fluent Bit on every node ships container logs and the kubelet's journal to two CloudWatch Logs
 * groups that this tier creates, encrypted with the logs key and kept {@code platform:monitoring.logRetentionDays}.
 * Fluent Bit authenticates with its own Pod Identity role, which may only write streams into these two groups.
 */
final class LogShipping {

    static final String CONTAINERS = "containers";
    static final String KUBELET = "kubelet";

    LogShipping(PlatformConfig config, Workloads workloads, Output<String> logsKeyArn, Resource parent, CustomResourceOptions inAws) {
        Map<String, LogGroup> groups = new LinkedHashMap<>();
        for (String stream : List.of(CONTAINERS, KUBELET)) {
            String name = ResourceNames.workloadLogGroup(config, stream);
            groups.put(stream, new LogGroup("workload-logs-" + stream, LogGroupArgs.builder()
                    .name(name)
                    .kmsKeyId(logsKeyArn)
                    .retentionInDays(config.monitoring().logRetentionDays())
                    .tags(NameTag.of(name))
                    .build(), inAws));
        }
        Output<Map<String, Object>> values = Output.of(values(config));
        Releases.of("fluent-bit", Charts.FLUENT_BIT, ServiceAccounts.FLUENT_BIT.namespace(), values, parent, workloads.provider(),
                Releases.after(workloads.networkPolicies(ServiceAccounts.FLUENT_BIT.namespace()), workloads.monitoringNamespace(),
                        groups.get(CONTAINERS), groups.get(KUBELET), workloads.podIdentityAssociation(ServiceAccounts.FLUENT_BIT.role())));
    }

    static Map<String, Object> values(PlatformConfig config) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("serviceAccount", Map.of("create", true, "name", ServiceAccounts.FLUENT_BIT.name()));
        // Every node, the tainted monitoring nodes included: their logs matter as much.
        values.put("tolerations", List.of(Map.of("operator", "Exists")));
        values.put("resources", Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi"), "limits", Map.of("memory", "256Mi")));
        values.put("config", Map.of(
                "service", String.join("\n",
                        "[SERVICE]",
                        "    Daemon Off",
                        "    Flush 5",
                        "    Log_Level info",
                        "    Parsers_File /fluent-bit/etc/parsers.conf",
                        "    HTTP_Server On",
                        "    HTTP_Listen 0.0.0.0",
                        "    HTTP_Port 2020",
                        "    Health_Check On",
                        ""),
                "inputs", String.join("\n",
                        "[INPUT]",
                        "    Name tail",
                        "    Path /var/log/containers/*.log",
                        "    multiline.parser cri",
                        "    Tag kube.*",
                        "    Mem_Buf_Limit 10MB",
                        "    Skip_Long_Lines On",
                        "",
                        "[INPUT]",
                        "    Name systemd",
                        "    Tag host.kubelet",
                        "    Systemd_Filter _SYSTEMD_UNIT=kubelet.service",
                        "    Read_From_Tail On",
                        ""),
                "filters", String.join("\n",
                        "[FILTER]",
                        "    Name kubernetes",
                        "    Match kube.*",
                        "    Merge_Log On",
                        "    Keep_Log Off",
                        "    K8S-Logging.Parser On",
                        "    K8S-Logging.Exclude On",
                        ""),
                "outputs", String.join("\n",
                        "[OUTPUT]",
                        "    Name cloudwatch_logs",
                        "    Match kube.*",
                        "    region " + config.region(),
                        "    log_group_name " + ResourceNames.workloadLogGroup(config, CONTAINERS),
                        "    log_stream_prefix container-",
                        // The groups belong to Pulumi (key, retention); the role may not create them.
                        "    auto_create_group Off",
                        "",
                        "[OUTPUT]",
                        "    Name cloudwatch_logs",
                        "    Match host.*",
                        "    region " + config.region(),
                        "    log_group_name " + ResourceNames.workloadLogGroup(config, KUBELET),
                        "    log_stream_prefix kubelet-",
                        "    auto_create_group Off",
                        "")));
        return values;
    }
}
