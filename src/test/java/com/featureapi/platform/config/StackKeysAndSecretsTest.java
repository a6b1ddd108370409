package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How a real {@code pulumi up} tells the program its keys, and that secret values stay out of every error. */
class StackKeysAndSecretsTest {

    @Test
    void keysAndSecretKeysComeFromWhatTheLanguageHostPasses() {
        Map<String, String> environment = Map.of(
                "PULUMI_CONFIG", "{\"aws:region\":\"us-east-1\",\"platform:network\":\"{\\\"vpcCidr\\\":\\\"10.0.0.0/16\\\"}\","
                        + "\"platform:tags\":\"{\\\"owner\\\":\\\"x\\\"}\"}",
                "PULUMI_CONFIG_SECRET_KEYS", "[\"platform:tags\"]");
        StackKeys keys = StackKeys.fromEnvironment(environment::get);
        assertThat(keys.all()).containsExactlyInAnyOrder("aws:region", "platform:network", "platform:tags");
        assertThat(keys.secret()).containsExactly("platform:tags");
    }

    @Test
    void withoutTheVariablesNoKeyIsKnownAndNoneIsSecret() {
        StackKeys keys = StackKeys.fromEnvironment(name -> null);
        assertThat(keys.all()).isEmpty();
        assertThat(keys.secret()).isEmpty();
    }

    @Test
    void unreadableVariablesCountAsUnknownRatherThanFailing() {
        StackKeys keys = StackKeys.fromEnvironment(Map.of("PULUMI_CONFIG", "not json", "PULUMI_CONFIG_SECRET_KEYS", "{}")::get);
        assertThat(keys.all()).isEmpty();
        assertThat(keys.secret()).isEmpty();
    }

    @Test
    void theValueUnderASecretKeyNeverAppearsInAProblemEvenDeepInsideIt() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, StackConfigFixture.of("staging")
                .secret("platform:tags")
                .setKey("platform:tags", Map.of("owner", "platform-team", "costCenter", "feature-api",
                        "extra", Map.of("team", List.of("hunter2")), "ownr", "hunter3"))::load);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "platform:tags.extra.team = \"[secret]\": must be a plain value",
                "platform:tags.ownr = \"[secret]\": unknown key; did you mean \"owner\"?");
        assertThat(e.getMessage()).doesNotContain("hunter");
    }

    @Test
    void aKeyThatOnlyStartsLikeASecretOneIsNotSecret() {
        ConfigProblems problems = new ConfigProblems(java.util.Set.of("platform:tags"));
        problems.add("platform:tagsExtra", "visible", "rule");
        problems.add("platform:tags[0]", "hidden", "rule");
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> problems.throwIfAny("staging"));
        assertThat(e.problems()).extracting(ConfigProblem::value).containsExactly("visible", "[secret]");
    }
}
