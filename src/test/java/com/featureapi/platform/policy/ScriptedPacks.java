package com.featureapi.platform.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small JavaScript CrossGuard packs that tests write to misbehave on purpose (die, take their time), run by the real
 * analyzer on the project's own @pulumi/policy (their node_modules is a link to {@code policies/node_modules}).
 */
public final class ScriptedPacks {

    private ScriptedPacks() {
    }

    /** Writes a pack named {@code name} into {@code dir} with one policy, given as a JavaScript object literal. */
    public static Path write(Path dir, String name, String description, String policy) throws IOException {
        Files.writeString(dir.resolve("PulumiPolicy.yaml"), "runtime: nodejs\ndescription: " + description + "\n");
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"" + name + "-pack\", \"version\": \"1.0.0\", \"main\": \"index.js\"}\n");
        Files.writeString(dir.resolve("index.js"), "const { PolicyPack } = require(\"@pulumi/policy\");\nnew PolicyPack(\"" + name
                + "\", { policies: [" + policy + "] });\n");
        Files.createSymbolicLink(dir.resolve("node_modules"), Path.of("policies", "node_modules").toAbsolutePath());
        return dir;
    }

    /** A pack whose one policy ends node (exit 3) when it is asked about the VPC. */
    public static Path dyingOnTheVpc(Path dir) throws IOException {
        return write(dir, "dies", "a pack that ends node", """
                {
                    name: "dies-on-the-vpc", description: "ends node on the VPC", enforcementLevel: "advisory",
                    validateResource: (args) => { if (args.type === "aws:ec2/vpc:Vpc") { process.exit(3); } },
                }""");
    }
}
