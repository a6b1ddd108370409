package com.featureapi.platform.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each policy's rule is written: {@code docs/policies.md} has one section per area ({@code ## Network}) with
 * a row per policy, so a verdict links to its section's anchor as GitHub and GitLab name it.
 *
 * @param url      the document as a reader opens it from a comment (an absolute URL of the head commit's file in
 *                 CI, {@code docs/policies.md} elsewhere)
 * @param sections policy name to the anchor of its section
 */
public record PolicyDocs(String url, Map<String, String> sections) {

    private static final Pattern HEADING = Pattern.compile("^## (.+)$");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)`");

    public static final PolicyDocs NONE = new PolicyDocs("docs/policies.md", Map.of());

    public PolicyDocs {
        sections = Map.copyOf(sections);
    }

    /** Reads {@code docs/policies.md} of a project; {@link #NONE}'s sections (none) when the file is not there. */
    public static PolicyDocs read(Path projectDir, String url) {
        Path file = projectDir.resolve("docs/policies.md");
        if (!Files.isRegularFile(file)) {
            return new PolicyDocs(url, Map.of());
        }
        Map<String, String> sections = new TreeMap<>();
        String anchor = "";
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    anchor = anchor(heading.group(1));
                    continue;
                }
                Matcher row = ROW.matcher(line);
                if (row.find() && !anchor.isEmpty() && !anchor.startsWith("accepted")) {
                    sections.putIfAbsent(row.group(1), anchor);
                }
            }
        } catch (IOException e) {
            return new PolicyDocs(url, Map.of());
        }
        return new PolicyDocs(url, sections);
    }

    /** The link to a policy's rule: its section when known, else the document. */
    public String link(String policy) {
        String section = sections.get(policy);
        return section == null ? url : url + "#" + section;
    }

    /** GitHub's (and GitLab's) anchor of a heading: lower case, spaces to hyphens, punctuation dropped. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
