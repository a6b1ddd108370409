package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Map;

/** Typed values records to the map a Helm release takes: Jackson, never string templates. */
public final class HelmValues {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private HelmValues() {
    }

    public static Map<String, Object> of(Object values) {
        return JSON.convertValue(values, new TypeReference<>() {
        });
    }
}
