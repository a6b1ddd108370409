package com.featureapi.platform.review;

import java.util.List;

/**
 * One changed resource as the diagram draws it.
 *
 * @param urn          how the diagram identifies it: its address (URN without the stack) when drawn from a diff
 * @param type         type token, for example {@code aws:rds/instance:Instance}
 * @param name         logical name
 * @param tier         the tier it belongs to ({@code network}, {@code data} ...)
 * @param change       what happens to it
 * @param atRisk       a stateful resource whose data a replacement or deletion would lose
 * @param dependencies what it waits for, identified the same way (the diagram keeps those that changed too)
 */
public record DiagramResource(
        String urn,
        String type,
        String name,
        String tier,
        ChangeKind change,
        boolean atRisk,
        List<String> dependencies) {
}
