package com.featureapi.platform.review;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a commit's jar and policy pack are made of, named by content (the git blob hashes of the files),
 * not by commit: two commits whose build reads the same files share one jar, and a change of stack files,
 * usage files, charts or docs needs no build at all.
 */
public final class BuildInputs {

    /** What {@code ./mvnw -DskipTests package} reads: the pom, the wrapper and the main sources and resources. */
    static final List<String> BUILD = List.of("pom.xml", "mvnw", ".mvn", "src/main");
    /** The policy pack; its config/ folder is read per stack at analysis time, not by node's start. */
    static final String PACK = "policies";
    static final String PACK_CONFIG = "policies/config/";
    static final String LOCKFILE = "policies/package-lock.json";

    private final Git git;
    private final String prefix;

    /** @param projectInRepository the Pulumi project's folder inside the repository ("" at its top) */
    public BuildInputs(Git git, Path projectInRepository) {
        this.git = git;
        String p = projectInRepository.toString().replace('\\', '/');
        this.prefix = p.isEmpty() ? "" : p + "/";
    }

    /** The content key of the jar a commit builds. */
    public String buildKey(String commit) {
        return sha256(git.listing(commit, prefixed(BUILD)));
    }

    /** The content key of a commit's policy pack without its per-stack config: equal keys run the same node code. */
    public String packKey(String commit) {
        String listing = git.listing(commit, List.of(prefix + PACK)).lines()
                .filter(line -> !path(line).startsWith(prefix + PACK_CONFIG))
                .collect(Collectors.joining("\n"));
        return sha256(listing);
    }

    /** The content key of a commit's policy lockfile (what {@code npm ci} installs), empty when it has none. */
    public String lockKey(String commit) {
        return git.listing(commit, List.of(prefix + LOCKFILE)).lines().findFirst()
                .map(line -> line.split("\\s+")[2]).orElse("");
    }

    /** Whether the checkout's build inputs differ from HEAD (then its jar is not HEAD's). */
    public boolean buildInputsEdited() {
        return git.dirty(prefixed(BUILD));
    }

    /** Whether the checkout's pack (config aside) differs from HEAD. */
    public boolean packEdited() {
        return git.run("status", "--porcelain", "--", prefix + PACK).lines()
                .anyMatch(line -> !line.substring(3).startsWith(prefix + PACK_CONFIG));
    }

    private List<String> prefixed(List<String> paths) {
        return paths.stream().map(p -> prefix + p).toList();
    }

    /** The path of an {@code ls-tree} line: "mode type hash<TAB>path". */
    private static String path(String line) {
        return line.substring(line.indexOf('\t') + 1);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
