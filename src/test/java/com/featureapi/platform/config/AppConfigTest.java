package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code platform:app}: what an application team sets, and the exact message for each mistake. */
class AppConfigTest {

    private static List<String> problems(StackConfigFixture fixture) {
        return fixture.problems();
    }

    private static StackConfigFixture staging() {
        return StackConfigFixture.of("staging");
    }

    @Test
    void theStackFilesSetEverythingTheChartNeeds() {
        AppConfig staging = staging().load().app();
        AppConfig production = StackConfigFixture.of("production").load().app();
        assertThat(staging.hostname()).isEqualTo("api.staging.example.com");
        assertThat(staging.internetFacing()).isFalse();
        assertThat(production.internetFacing()).isTrue();
        assertThat(staging.resources()).isEqualTo(new AppConfig.Resources("250m", "256Mi", "1", "512Mi"));
        assertThat(production.resources()).isEqualTo(new AppConfig.Resources("500m", "512Mi", "2", "1Gi"));
        assertThat(production.targetCpuUtilizationPercent()).isEqualTo(70);
        assertThat(production.targetMemoryUtilizationPercent()).isEqualTo(80);
    }

    @Test
    void latestIsRejected() {
        assertThat(problems(staging().set("platform:app", "image/tag", "latest"))).containsExactly(
                "platform:app.image.tag = \"latest\": pin a version; \"latest\" makes a deployment unreproducible");
    }

    @Test
    void aMissingTagIsRejected() {
        assertThat(problems(staging().remove("platform:app", "image/tag"))).containsExactly(
                "platform:app.image.tag: required key is missing; set it, for example tag: \"1.0.0\"");
    }

    @Test
    void minAboveMaxIsRejected() {
        assertThat(problems(staging().set("platform:app", "minReplicas", 7))).containsExactly(
                "platform:app = \"minReplicas=7, maxReplicas=6\": must satisfy minReplicas <= maxReplicas");
    }

    @Test
    void aCertificateOfAnotherRegionIsRejected() {
        assertThat(problems(staging().set("platform:app", "certificateArn",
                "arn:aws:acm:eu-west-1:111111111111:certificate/5f1b0c3e-2a4d-4c6b-9e8f-0a1b2c3d4e5f"))).containsExactly(
                "platform:app.certificateArn = \"arn:aws:acm:eu-west-1:111111111111:certificate/5f1b0c3e-2a4d-4c6b-9e8f-0a1b2c3d4e5f\": "
                        + "must be a certificate in the stack's region us-east-1 (an ALB uses certificates of its own region only)");
    }

    @Test
    void aCertificateOfAnotherAccountIsRejected() {
        assertThat(problems(staging().set("platform:app", "certificateArn",
                "arn:aws:acm:us-east-1:222222222222:certificate/5f1b0c3e-2a4d-4c6b-9e8f-0a1b2c3d4e5f"))).containsExactly(
                "platform:app.certificateArn = \"arn:aws:acm:us-east-1:222222222222:certificate/5f1b0c3e-2a4d-4c6b-9e8f-0a1b2c3d4e5f\": "
                        + "must be a certificate of the stack's account 111111111111");
    }

    @Test
    void somethingThatIsNotACertificateArnIsRejected() {
        assertThat(problems(staging().set("platform:app", "certificateArn", "my-cert"))).containsExactly(
                "platform:app.certificateArn = \"my-cert\": must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<36-character id>");
    }

    @Test
    void aHostnameIsRequiredAndMustBeADnsName() {
        assertThat(problems(staging().remove("platform:app", "hostname"))).containsExactly(
                "platform:app.hostname: required key is missing; set it, for example hostname: api.staging.example.com");
        assertThat(problems(staging().set("platform:app", "hostname", "API_host"))).containsExactly(
                "platform:app.hostname = \"API_host\": must be a lower-case DNS name such as api.staging.example.com");
    }

    @Test
    void requestsAboveLimitsAndBadQuantitiesAreRejected() {
        assertThat(problems(staging().set("platform:app", "resources/requests/cpu", "2")
                .set("platform:app", "resources/limits/memory", "512MB"))).containsExactly(
                "platform:app.resources.limits.memory = \"512MB\": must be a Kubernetes memory quantity in Mi or Gi, for example 256Mi or 1Gi",
                "platform:app.resources.requests.cpu = \"2\": must be at most limits.cpu (1)");
    }

    @Test
    void scalingTargetsAndUnknownKeys() {
        assertThat(problems(staging().set("platform:app", "targetCpuUtilizationPercent", 5)
                .set("platform:app", "resources/requests/gpu", "1"))).containsExactly(
                "platform:app.resources.requests.gpu = \"1\": unknown key; did you mean \"cpu\"?",
                "platform:app.targetCpuUtilizationPercent = \"5\": must be from 10 to 100");
    }

    @Test
    void internetFacingMustBeABoolean() {
        assertThat(problems(staging().set("platform:app", "internetFacing", "yes"))).containsExactly(
                "platform:app.internetFacing = \"yes\": must be true or false");
    }

    @Test
    void defaultsApplyWhenTheTeamSetsOnlyTheEssentials() {
        AppConfig app = staging().remove("platform:app", "resources").remove("platform:app", "targetCpuUtilizationPercent")
                .remove("platform:app", "internetFacing").load().app();
        assertThat(app.resources()).isEqualTo(AppConfig.Resources.DEFAULT);
        assertThat(app.targetCpuUtilizationPercent()).isEqualTo(70);
        assertThat(app.internetFacing()).isFalse();
        assertThat(Map.of("ns", app.namespace(), "sa", app.serviceAccount())).isEqualTo(Map.of("ns", "feature-api", "sa", "feature-api"));
    }
}
