package com.featureapi.platform.naming;

import java.util.Map;

/** The Name tag the console shows; every other tag comes from the provider's default tags. */
public final class NameTag {

    private NameTag() {
    }

    public static Map<String, String> of(String name) {
        return Map.of("Name", name);
    }
}
