package com.featureapi.platform.security;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reading IAM policy JSON in tests: an Action or Resource element is one string or a list of them. */
public final class PolicyJson {

    private PolicyJson() {
    }

    /** The element's values as a list, whether the policy wrote one string or an array. */
    public static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
