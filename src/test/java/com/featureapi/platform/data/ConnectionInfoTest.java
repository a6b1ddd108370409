package com.featureapi.platform.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection info the app reads from Secrets Manager. The plan masks it (the provider marks {@code secretString}
 * sensitive), so its values are checked here, on the functions the data tier publishes it with.
 */
class ConnectionInfoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void databaseInfoNamesTheAppUserWithTlsCheckedAndIamAuthentication() throws Exception {
        JsonNode info = JSON.readTree(ConnectionSecrets.json(
                ConnectionSecrets.databaseInfo("platform-staging-postgres.abc.us-east-1.rds.amazonaws.com", 5432, "features")));
        assertThat(info.toString()).isEqualTo("{\"auth\":\"iam\",\"dbname\":\"features\","
                + "\"host\":\"platform-staging-postgres.abc.us-east-1.rds.amazonaws.com\",\"port\":5432,"
                + "\"sslmode\":\"verify-full\",\"username\":\"feature_api\"}");
    }

    @Test
    void cacheInfoNamesTheGivenUserWithTlsAndIamAuthentication() throws Exception {
        JsonNode info = JSON.readTree(ConnectionSecrets.json(
                ConnectionSecrets.cacheInfo("master.platform-staging-redis.abc.use1.cache.amazonaws.com", 6379, "platform-staging-feature-api")));
        assertThat(info.toString()).isEqualTo("{\"auth\":\"iam\",\"host\":\"master.platform-staging-redis.abc.use1.cache.amazonaws.com\","
                + "\"port\":6379,\"tls\":true,\"username\":\"platform-staging-feature-api\"}");
    }

    @Test
    void neitherHoldsAPassword() throws Exception {
        String both = ConnectionSecrets.json(ConnectionSecrets.databaseInfo("h", 5432, "d"))
                + ConnectionSecrets.json(ConnectionSecrets.cacheInfo("h", 6379, "u"));
        assertThat(both).doesNotContainIgnoringCase("password");
    }
}
