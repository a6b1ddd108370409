package com.featureapi.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Copies of the fixture stack files ({@link FixtureStacks}), edited for one test, in a directory of their own. */
public final class StackFiles {

    private static final YAMLMapper YAML = new YAMLMapper();

    private StackFiles() {
    }

    /**
     * Writes {@code Pulumi.yaml} and an edited {@code Pulumi.<stack>.yaml} into {@code dir}.
     *
     * @param edit changes the stack file's {@code config:} map
     */
    public static Path copyEdited(Path dir, String stack, Consumer<ObjectNode> edit) {
        try {
            Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
            // The program's local Helm charts, which the plan renders from the project directory.
            FixtureStacks.copyTree(Path.of("charts"), dir.resolve("charts"));
            JsonNode root = YAML.readTree(FixtureStacks.stackFile(stack).toFile());
            edit.accept((ObjectNode) root.get("config"));
            YAML.writeValue(dir.resolve("Pulumi." + stack + ".yaml").toFile(), root);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
