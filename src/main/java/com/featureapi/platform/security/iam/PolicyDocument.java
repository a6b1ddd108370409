package com.featureapi.platform.security.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy document (identity policy, trust policy or resource policy), built in Java and rendered to
 * the JSON AWS takes, with a fixed key order so the same document always renders to the same text and
 * previews show no false diffs. ARNs known only at deploy time are filled in inside an
 * {@code Output.applyValue}, so the builder itself stays plain and unit-testable.
 */
public final class PolicyDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Statement> statements;

    private PolicyDocument(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    private static PolicyDocument of(List<Statement> statements) {
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a policy document needs at least one statement");
        }
        return new PolicyDocument(statements);
    }

    public static PolicyDocument of(Statement.Builder... statements) {
        List<Statement> built = new ArrayList<>();
        for (Statement.Builder statement : statements) {
            built.add(statement.build());
        }
        return of(built);
    }

    public String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements.stream().map(Statement::toJsonObject).toList());
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an IAM policy document", e);
        }
    }
}
