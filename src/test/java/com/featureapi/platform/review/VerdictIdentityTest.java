package com.featureapi.platform.review;

import com.featureapi.platform.review.VerdictIdentity.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which verdicts are the same finding across a change, and where a verdict's rule and fix are. */
class VerdictIdentityTest {

    private static final String DEPLOYMENT = "platform:kubernetes:Workloads$kubernetes:helm.sh/v3:Release$kubernetes:apps/v1:Deployment::feature-api/feature-api";

    private static Verdict digest(String tag) {
        return new Verdict("k8s-image-digest", "advisory", DEPLOYMENT, "image ghcr.io/example/feature-api:" + tag + " is not pinned by digest");
    }

    @Test
    void anImageBumpThatRewordsAnAcceptedFindingIsNoChange() {
        assertThat(VerdictIdentity.changes(List.of(digest("1.0.0")), List.of(digest("1.0.1")))).isEmpty();
    }

    @Test
    void aSecondFindingOfOnePolicyOnOneResourceIsNewAndOnlyIt() {
        Verdict limit = new Verdict("k8s-image-digest", "advisory", DEPLOYMENT, "image postgres:17-alpine is not pinned by digest");
        assertThat(VerdictIdentity.changes(List.of(digest("1.0.0")), List.of(digest("1.0.1"), limit)))
                .containsExactly(new PolicyChange(true, "k8s-image-digest", "advisory", DEPLOYMENT, "image postgres:17-alpine is not pinned by digest"));
    }

    @Test
    void aFindingOnAnotherResourceIsNewAndTheFixedOneGone() {
        Verdict elsewhere = new Verdict("k8s-image-digest", "advisory", DEPLOYMENT.replace("feature-api/feature-api", "feature-api/worker"),
                "image ghcr.io/example/feature-api:1.0.1 is not pinned by digest");
        assertThat(VerdictIdentity.changes(List.of(digest("1.0.0")), List.of(elsewhere)))
                .extracting(PolicyChange::appeared, PolicyChange::resource)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, elsewhere.resource()), org.assertj.core.groups.Tuple.tuple(false, DEPLOYMENT));
    }

    @Test
    void aViolationLinksToItsSectionOfDocsPoliciesAndNamesTheKeyToChange() {
        PolicyDocs docs = PolicyDocs.read(Path.of("."), "https://forge.example/blob/abc/docs/policies.md");
        assertThat(docs.link("rds-multi-az")).isEqualTo("https://forge.example/blob/abc/docs/policies.md#rds");
        assertThat(docs.link("no-such-policy")).isEqualTo("https://forge.example/blob/abc/docs/policies.md");
        assertThat(PolicyConfigKeys.of("rds-multi-az", "platform:data:Data$aws:rds/instance:Instance::postgres")).contains("platform:database.multiAz");
        assertThat(PolicyConfigKeys.of("log-group-retention", "platform:network:Network$aws:cloudwatch/logGroup:LogGroup::flow-logs"))
                .contains("platform:network.flowLogRetentionDays");
        assertThat(PolicyConfigKeys.of("iam-no-wildcard-action", "platform:security:Security$aws:iam/rolePolicy:RolePolicy::velero")).isEmpty();
    }
}
