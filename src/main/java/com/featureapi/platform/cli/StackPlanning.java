package com.featureapi.platform.cli;

import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.Progress;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.policy.PlanDocument;
import com.featureapi.platform.policy.PolicyException;
import com.featureapi.platform.policy.PolicyResult;

import java.nio.file.Path;

/** The plan of one stack with its policy phase, as {@code plan} and an in-process {@code review} both run it. */
final class StackPlanning {

    /** The policy phase over one stack's plan; null when policies are skipped. */
    @FunctionalInterface
    interface PolicyPhase {
        PolicyResult check(PlanDocument plan, String stack);
    }

    record Planned(Plan plan, PolicyResult verdicts) {
        java.util.Map<String, Object> verdictsJson() {
            return verdicts == null ? null : verdicts.toJson();
        }
    }

    private final OfflineEngine engine;
    private final OfflineEngine.Program program;
    private final Progress progress;

    StackPlanning(OfflineEngine engine, OfflineEngine.Program program, Progress progress) {
        this.engine = engine;
        this.program = program;
        this.progress = progress;
    }

    /** Runs the program for {@code stack} of {@code projectDir}, then the policy phase; nothing is written. */
    Planned plan(Path projectDir, String stack, PolicyPhase policies) {
        StackFile stackFile = StackFile.load(projectDir, stack);
        Plan plan = engine.run(stackFile, program, projectDir);
        if (policies == null) {
            return new Planned(plan, null);
        }
        try {
            PolicyResult verdicts = progress.step("plan " + stack + ": policies (CrossGuard analyzer)",
                    () -> policies.check(PlanDocument.parse(PlanWriter.toJson(plan), "the plan of " + stack), stack));
            return new Planned(plan, verdicts);
        } catch (PolicyException e) {
            String message = "the policy phase of stack " + stack + " failed, so no plan was written: " + e.getMessage();
            throw e.isInvalidInput() ? PolicyException.invalidInput(message, e)
                    : PolicyException.failure(message + "\n(to plan without policies: --skip-policies)", e);
        }
    }
}
