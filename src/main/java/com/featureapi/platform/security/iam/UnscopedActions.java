package com.featureapi.platform.security.iam;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The only actions that may be granted on {@code Resource: "*"}: AWS does not support resource-level
 * permissions for them, so no narrower resource exists. Each group names the page of the AWS Service
 * Authorization Reference that says so (the "Resource types" column is empty for these actions).
 */
final class UnscopedActions {

    private static final List<Pattern> ACTIONS = List.of(
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
            // Describe* calls of EC2 take no resource ARN. Used by: cluster autoscaler, Velero, EBS CSI.
            Pattern.compile("ec2:Describe[A-Za-z*]*"),
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2autoscaling.html
            // Describe* calls of EC2 Auto Scaling take no resource ARN. Used by: cluster autoscaler.
            Pattern.compile("autoscaling:Describe[A-Za-z*]*"),
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerserviceforkubernetes.html
            // eks:DescribeAddonVersions takes no resource ARN. Used by: cluster autoscaler (node group templates).
            Pattern.compile("eks:DescribeAddonVersions"),
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html
            // route53:ListHostedZones lists the account's zones and takes no resource ARN. Used by: external-dns.
            Pattern.compile("route53:ListHostedZones"),
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
            // sts:GetCallerIdentity takes no resource ARN.
            Pattern.compile("sts:GetCallerIdentity"),
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
            // Metric reads take no resource ARN ("you specify a wildcard character (*) as the resource", CloudWatch
            // permissions reference). Used by: Grafana's CloudWatch datasource.
            Pattern.compile("cloudwatch:(GetMetricData|GetMetricStatistics|ListMetrics|DescribeAlarmsForMetric)"),
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
            // StopQuery names a query id, not a log group; a statement scoped to log groups never matches it.
            // Used by: Grafana's CloudWatch datasource (cancelling a Logs Insights query).
            Pattern.compile("logs:StopQuery"),
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsresourcegroupstaggingapi.html
            // tag:GetResources takes no resource ARN. Used by: Grafana's CloudWatch datasource (dimension values).
            Pattern.compile("tag:GetResources"));

    private UnscopedActions() {
    }

    static boolean isUnscoped(String action) {
        return ACTIONS.stream().anyMatch(p -> p.matcher(action).matches());
    }
}
