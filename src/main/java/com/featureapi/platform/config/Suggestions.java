package com.featureapi.platform.config;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt keys: the closest known key within a small edit distance. */
final class Suggestions {

    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

    private Suggestions() {
    }

    static Optional<String> closest(String unknown, Collection<String> known) {
        return known.stream()
                .filter(candidate -> DISTANCE.apply(unknown.toLowerCase(), candidate.toLowerCase()) >= 0)
                .min(Comparator.comparingInt((String candidate) -> DISTANCE.apply(unknown.toLowerCase(), candidate.toLowerCase()))
                        .thenComparing(Comparator.naturalOrder()));
    }

    static String unknownKeyRule(String unknown, Collection<String> known) {
        return closest(unknown, known)
                .map(s -> "unknown key; did you mean \"" + s + "\"?")
                .orElse("unknown key; known keys here are " + String.join(", ", known.stream().sorted().toList()));
    }
}
