package com.featureapi.platform.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Map;

/** IAM documents of the flow-log delivery role. */
final class FlowLogPolicies {

    // Sorted keys: the same document renders to the same text on every run, so previews show no false diffs.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private FlowLogPolicies() {
    }

    /** Only VPC Flow Logs, acting for a flow log of this account and region, may assume the role (confused-deputy guard). */
    static String trust(String accountId, String region) {
        return write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", "vpc-flow-logs.amazonaws.com"),
                "Action", "sts:AssumeRole",
                "Condition", Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", accountId),
                        "ArnLike", Map.of("aws:SourceArn", "arn:aws:ec2:" + region + ":" + accountId + ":vpc-flow-log/*"))))));
    }

    /** Write access to the one flow-log group and its streams. */
    static String delivery(String logGroupArn) {
        return write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                "Resource", List.of(logGroupArn, logGroupArn + ":*")))));
    }

    private static String write(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an IAM document", e);
        }
    }
}
