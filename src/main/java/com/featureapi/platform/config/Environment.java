package com.featureapi.platform.config;

import java.util.Arrays;
import java.util.List;

/** The kind of environment a stack is; production turns on every protection of stateful resources. */
public enum Environment {
    PRODUCTION("production"),
    STAGING("staging"),
    DEVELOPMENT("development");

    private final String configName;

    Environment(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public boolean isProduction() {
        return this == PRODUCTION;
    }

    /** The application's log level unless {@code platform:app.logLevel} says otherwise (seed 000: DEBUG, INFO, WARN). */
    public String defaultLogLevel() {
        return switch (this) {
            case DEVELOPMENT -> "DEBUG";
            case STAGING -> "INFO";
            case PRODUCTION -> "WARN";
        };
    }

    static List<String> configNames() {
        return Arrays.stream(values()).map(Environment::configName).toList();
    }

    static Environment fromConfigName(String name) {
        return Arrays.stream(values()).filter(e -> e.configName.equals(name)).findFirst().orElse(STAGING);
    }
}
