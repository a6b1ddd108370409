package com.featureapi.platform.review;

import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * git failing half-way through a review (the head's worktree cannot be added: a full disk, a lock left by a killed
 * git) after the base's worktree was added. A real git does not fail on cue, so {@link Git} is a Mockito double
 * here (the subclass mock maker, src/test/resources/mockito-extensions: no agent to attach); {@link CommitPlannerTest} runs the same class against a real repository. What must hold: the error names
 * git's own message, and closing the planner removes the base's worktree and the temporary directory, so a CI
 * runner or a laptop is left as it was.
 */
class CommitPlannerGitFailureTest {

    private static final String BASE = "1".repeat(40);
    private static final String HEAD = "2".repeat(40);

    @Test
    void aGitFailureOnTheHeadReportsGitsMessageAndTheBaseWorktreeIsRemoved(@TempDir Path repo) throws Exception {
        // Preparing a commit needs git only (its jar is looked for when it is planned).
        Git git = mock(Git.class);
        when(git.listing(any(), any())).thenReturn("100644 blob 0123\tpom.xml\n");
        when(git.repository()).thenReturn(repo);
        when(git.commit("main")).thenReturn(BASE);
        when(git.commit("feature")).thenReturn(HEAD);
        when(git.commit("HEAD")).thenReturn("3".repeat(40));
        doThrow(new PlanException("git worktree add failed: fatal: could not create work tree dir: No space left on device"))
                .when(git).addWorktree(any(), eq(HEAD));
        StringWriter log = new StringWriter();

        CommitPlanner planner = new CommitPlanner(git, repo, Progress.to(new PrintWriter(log, true)),
                CommitPlanner.cacheOf(repo), Optional.empty());
        CommitPlanner.Prepared base = planner.prepare("base", "main");
        assertThatThrownBy(() -> planner.prepare("head", "feature"))
                .isInstanceOf(PlanException.class)
                .hasMessage("git worktree add failed: fatal: could not create work tree dir: No space left on device");
        Path workDir = base.projectDir().getParent();
        planner.close();

        verify(git).addWorktree(base.projectDir(), BASE);
        verify(git).removeWorktree(base.projectDir());
        assertThat(workDir).doesNotExist();
        assertThat(log.toString()).contains("review: checking out head feature (222222222222) in a temporary worktree");
    }
}
