package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Interrupts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A CrossGuard pack folder given with {@code --policy-pack}: PulumiPolicy.yaml, package.json, and its
 * per-stack config in {@code config/<stack>.json} (the format of {@code pulumi preview --policy-pack-config}).
 */
public record PolicyPackDir(Path dir) {

    public PolicyPackDir {
        dir = dir.toAbsolutePath().normalize();
    }

    /** Checks that {@code dir} is a Node.js pack; a Python pack or any other folder is refused with the reason. */
    public static PolicyPackDir of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw PolicyException.invalidInput("policy pack " + dir + " is not a folder");
        }
        if (!Files.isRegularFile(dir.resolve("PulumiPolicy.yaml"))) {
            throw PolicyException.invalidInput("policy pack " + dir + " has no PulumiPolicy.yaml: give the folder of a CrossGuard pack");
        }
        if (!Files.isRegularFile(dir.resolve("package.json"))) {
            throw PolicyException.invalidInput("policy pack " + dir + " has no package.json: only Node.js (TypeScript/JavaScript) packs can run here");
        }
        return new PolicyPackDir(dir);
    }

    public Path configFile(String stack) {
        return dir.resolve("config").resolve(stack + ".json");
    }

    /**
     * Installs and builds what is out of date: a pack with {@code scripts/prepare.js} (this project's) runs it
     * ({@code npm ci} when node_modules is older than the lockfile, {@code tsc} when sources changed);
     * any other pack gets {@code npm ci} (or {@code npm install} without a lockfile) when node_modules is missing.
     */
    public void prepare(PolicyLog log) {
        Path prepare = dir.resolve("scripts").resolve("prepare.js");
        if (Files.isRegularFile(prepare)) {
            run(List.of(NodeTools.node(), prepare.toString()), "node scripts/prepare.js");
        } else if (!Files.isDirectory(dir.resolve("node_modules"))) {
            boolean locked = Files.isRegularFile(dir.resolve("package-lock.json"));
            log.info("installing the dependencies of policy pack " + dir + " (npm " + (locked ? "ci" : "install") + ") ...");
            run(List.of(NodeTools.npm(), locked ? "ci" : "install", "--no-audit", "--no-fund"), "npm " + (locked ? "ci" : "install"));
        }
        if (!Files.isRegularFile(runPolicyPack().resolve("index.js"))) {
            throw PolicyException.invalidInput("policy pack " + dir + " has no node_modules/@pulumi/pulumi/cmd/run-policy-pack: add @pulumi/policy (which brings @pulumi/pulumi) to its dependencies");
        }
    }

    /** The pack's own start script ({@code scripts/serve.js}, see {@link AnalyzerProcess}), when it has one. */
    Optional<Path> serveScript() {
        Path serve = dir.resolve("scripts").resolve("serve.js");
        return Files.isRegularFile(serve) ? Optional.of(serve) : Optional.empty();
    }

    Path runPolicyPack() {
        return dir.resolve("node_modules").resolve("@pulumi").resolve("pulumi").resolve("cmd").resolve("run-policy-pack");
    }

    private void run(List<String> command, String what) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (Interrupts.Registration stopOnInterrupt = Interrupts.onInterrupt(process)) {
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    throw PolicyException.failure(what + " in " + dir + " did not finish within 10 minutes");
                }
            } finally {
                if (process.isAlive()) {
                    Interrupts.stop(process);
                }
            }
            if (process.exitValue() != 0) {
                Interrupts.awaitShutdownIfInterrupted(process.exitValue());   // Ctrl-C reached npm or tsc first: no error line
                throw PolicyException.failure(what + " in " + dir + " failed with exit code " + process.exitValue() + " (its output is above)");
            }
        } catch (IOException e) {
            throw PolicyException.failure("cannot run " + what + " in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PolicyException.failure(what + " in " + dir + " was interrupted", e);
        }
    }
}
