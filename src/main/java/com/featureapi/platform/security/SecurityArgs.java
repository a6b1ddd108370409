package com.featureapi.platform.security;

import com.featureapi.platform.config.PlatformConfig;

/**
 * Inputs of the {@link Security} component: the validated config is all it needs, because every ARN it
 * scopes a policy to is derived from the config ({@link com.featureapi.platform.naming.ResourceNames}).
 */
public record SecurityArgs(PlatformConfig config) {
}
