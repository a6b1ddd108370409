package com.featureapi.platform.edge;

import com.featureapi.platform.config.PlatformConfig;
import com.pulumi.core.Output;

/**
 * What the edge tier needs.
 *
 * @param config     the stack's config ({@code platform:edge})
 * @param logsKeyArn the security tier's logs key, which encrypts the web ACL's log group
 */
public record EdgeArgs(PlatformConfig config, Output<String> logsKeyArn) {
}
