package com.featureapi.platform.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem found while loading, so that all of them are reported together.
 *
 * <p>Two kinds: problems of one key as written (missing, wrong type or range, unknown; {@link ConfigNode} finds
 * them) and rules across keys (the config records add them). A key with a problem of its own was replaced by
 * a default or fallback to keep loading, so a rule at that key or an object above it would judge that
 * stand-in, not what the user wrote: such rules are held back until the key is fixed. A misspelt key whose
 * "did you mean" names a missing required key is reported once, as the misspelling.
 */
final class ConfigProblems {

    private static final String SECRET = "[secret]";

    private record Entry(ConfigProblem problem, boolean ofOneKey, boolean missing, boolean standIn) {
        Entry(ConfigProblem problem, boolean ofOneKey, boolean missing) {
            this(problem, ofOneKey, missing, ofOneKey);
        }
    }

    private final List<Entry> problems = new ArrayList<>();
    private final Set<String> misspeltFor = new HashSet<>();
    private final Set<String> secretKeys;

    ConfigProblems(Set<String> secretKeys) {
        this.secretKeys = secretKeys;
    }

    /** Records a rule's problem; the value of a secret key is replaced by {@code [secret]}, even in an error. */
    void add(String key, String value, String rule) {
        problems.add(new Entry(problem(key, value, rule), false, false));
    }

    /** Records a problem of one key as written (its value was replaced by a fallback to go on loading). */
    void ofKey(String key, String value, String rule) {
        problems.add(new Entry(problem(key, value, rule), true, false));
    }

    /** Records a problem of how a key is stored (its value was still read as written): never held back, no stand-in. */
    void ofStorage(String key, String value, String rule) {
        problems.add(new Entry(problem(key, value, rule), true, false, false));
    }

    /** Records an unknown key that is probably a misspelling of {@code meant} (a full key path). */
    void misspelt(String key, String value, String rule, String meant) {
        ofKey(key, value, rule);
        misspeltFor.add(meant);
    }

    void missing(String key, String example) {
        problems.add(new Entry(new ConfigProblem(key, null, "required key is missing; set it, for example " + example), true, true));
    }

    private ConfigProblem problem(String key, String value, String rule) {
        return new ConfigProblem(key, value != null && isSecret(key) ? SECRET : value, rule);
    }

    private boolean isSecret(String keyPath) {
        int end = keyPath.length();
        for (char separator : new char[] {'.', '['}) {
            int at = keyPath.indexOf(separator);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return secretKeys.contains(keyPath.substring(0, end));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny(String stack) {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(stack, reported());
        }
    }

    /** What the user is told: every problem of a key, and the rules that did not judge a stand-in. */
    List<ConfigProblem> reported() {
        Set<String> standIns = new HashSet<>(misspeltFor);
        problems.stream().filter(Entry::standIn).forEach(e -> standIns.add(e.problem().key()));
        List<ConfigProblem> reported = new ArrayList<>();
        for (Entry entry : problems) {
            String key = entry.problem().key();
            if (entry.missing() && misspeltFor.contains(key)) {
                continue;   // the misspelling's "did you mean" says it
            }
            if (!entry.ofOneKey() && standIns.stream().anyMatch(standIn -> standIn.equals(key) || below(standIn, key))) {
                continue;
            }
            reported.add(entry.problem());
        }
        return reported;
    }

    private static boolean below(String path, String ancestor) {
        return path.startsWith(ancestor) && path.length() > ancestor.length()
                && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }
}
