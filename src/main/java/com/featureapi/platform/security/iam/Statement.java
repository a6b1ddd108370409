package com.featureapi.platform.security.iam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One IAM policy statement. Built through {@link #allow} or {@link #deny}; {@link Builder#build()} refuses
 * the statements this project never wants to exist (see {@link UnscopedActions} for {@code Resource: "*"}).
 *
 * @param sid        optional statement id
 * @param effect     {@code Allow} or {@code Deny}
 * @param actions    {@code service:Action} names, wildcards only inside the action name ({@code ec2:Describe*})
 * @param resources  ARNs; empty in trust policies
 * @param principals principal type ({@code Service}, {@code AWS}, {@code Federated}) to identifiers
 * @param conditions operator to condition key to values
 */
public record Statement(
        String sid,
        String effect,
        List<String> actions,
        List<String> resources,
        Map<String, List<String>> principals,
        Map<String, Map<String, List<String>>> conditions) {

    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9*]+");

    public static Builder allow(String... actions) {
        return new Builder("Allow", List.of(actions));
    }

    public static Builder deny(String... actions) {
        return new Builder("Deny", List.of(actions));
    }

    /** Renders the statement as IAM JSON expects it, with a stable key order. */
    Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (sid != null) {
            json.put("Sid", sid);
        }
        json.put("Effect", effect);
        if (!principals.isEmpty()) {
            Map<String, Object> principal = new TreeMap<>();
            principals.forEach((type, ids) -> principal.put(type, ids.size() == 1 ? ids.get(0) : ids));
            json.put("Principal", principal);
        }
        json.put("Action", actions.size() == 1 ? actions.get(0) : actions);
        if (!resources.isEmpty()) {
            json.put("Resource", resources.size() == 1 ? resources.get(0) : resources);
        }
        if (!conditions.isEmpty()) {
            Map<String, Object> condition = new TreeMap<>();
            conditions.forEach((operator, keys) -> {
                Map<String, Object> byKey = new TreeMap<>();
                keys.forEach((key, values) -> byKey.put(key, values.size() == 1 ? values.get(0) : values));
                condition.put(operator, byKey);
            });
            json.put("Condition", condition);
        }
        return json;
    }

    /** Fluent construction of a {@link Statement}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String effect;
        private final List<String> actions;
        private final List<String> resources = new ArrayList<>();
        private final Map<String, List<String>> principals = new TreeMap<>();
        private final Map<String, Map<String, List<String>>> conditions = new TreeMap<>();
        private String sid;
        private boolean resourcePolicy;

        private Builder(String effect, List<String> actions) {
            this.effect = effect;
            this.actions = List.copyOf(actions);
        }

        public Builder sid(String value) {
            this.sid = value;
            return this;
        }

        public Builder on(String... arns) {
            resources.addAll(List.of(arns));
            return this;
        }

        public Builder service(String servicePrincipal) {
            return principal("Service", servicePrincipal);
        }

        public Builder aws(String arn) {
            return principal("AWS", arn);
        }

        public Builder when(String operator, String key, String... values) {
            conditions.computeIfAbsent(operator, o -> new TreeMap<>()).put(key, List.of(values));
            return this;
        }

        /**
         * Marks a statement of a resource policy (a KMS key policy), where {@code Resource: "*"} means "this
         * resource" and is the only value AWS accepts.
         */
        public Builder inResourcePolicy() {
            this.resourcePolicy = true;
            return this;
        }

        public Statement build() {
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("an IAM statement needs at least one action");
            }
            boolean allow = effect.equals("Allow");
            for (String action : actions) {
                // Wildcards are refused only where they grant: a Deny over every action is a guard rail.
                if (allow && (action.equals("*") || action.matches("[a-z0-9-]*:\\*") || action.equals("*:*"))) {
                    throw new IllegalArgumentException("refusing Action \"" + action + "\": grant the named actions the "
                            + "workload needs (least privilege); a wildcard over every action of a service or of AWS is never built here");
                }
                if (!action.equals("*") && !ACTION.matcher(action).matches()) {
                    throw new IllegalArgumentException("\"" + action + "\" is not an IAM action (service:ActionName)");
                }
            }
            if (allow && principals.containsValue(List.of("*"))) {
                throw new IllegalArgumentException("refusing Principal \"*\": name the account, role or service that may act");
            }
            if (principals.isEmpty() && resources.isEmpty()) {
                throw new IllegalArgumentException("statement " + actions + " names no resource; scope it to the ARNs it needs");
            }
            if (allow && resources.contains("*") && !resourcePolicy) {
                List<String> scopable = actions.stream().filter(a -> !UnscopedActions.isUnscoped(a)).toList();
                if (!scopable.isEmpty()) {
                    throw new IllegalArgumentException("refusing Resource \"*\" for " + scopable + ": these actions support "
                            + "resource-level permissions, so scope them to ARNs (only the actions in UnscopedActions may use \"*\")");
                }
            }
            // Sorted copies (never Map.copyOf, whose order changes with every JVM): what a caller reads stays stable.
            SortedMap<String, List<String>> principalsCopy = new TreeMap<>();
            principals.forEach((type, ids) -> principalsCopy.put(type, List.copyOf(ids)));
            SortedMap<String, Map<String, List<String>>> conditionsCopy = new TreeMap<>();
            conditions.forEach((operator, keys) -> conditionsCopy.put(operator, Collections.unmodifiableSortedMap(new TreeMap<>(keys))));
            return new Statement(sid, effect, actions, List.copyOf(resources), Collections.unmodifiableSortedMap(principalsCopy),
                    Collections.unmodifiableSortedMap(conditionsCopy));
        }

        private Builder principal(String type, String id) {
            principals.computeIfAbsent(type, t -> new ArrayList<>()).add(id);
            return this;
        }
    }
}
