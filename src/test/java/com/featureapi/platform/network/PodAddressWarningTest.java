package com.featureapi.platform.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.App;
import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The program prints the capacity warning where `pulumi preview` and `./platform plan` show warnings, and still plans. */
class PodAddressWarningTest {

    @Test
    void productionOnTheSeedsSlash24PrivateSubnetsPlansWithAWarningPerAz(@TempDir Path dir) {
        StackFiles.copyEdited(dir, "production", config -> {
            ArrayNode privateSubnets = (ArrayNode) config.get("platform:network").get("subnets").get("private");
            List<String> seed = List.of("10.0.10.0/24", "10.0.20.0/24", "10.0.30.0/24");
            for (int i = 0; i < seed.size(); i++) {
                ((ObjectNode) privateSubnets.get(i)).put("cidr", seed.get(i));
            }
        });
        StringWriter diagnostics = new StringWriter();
        Plan plan = new OfflineEngine(false, new PrintWriter(diagnostics, true)).run(StackFile.load(dir, "production"), App::define, dir);
        assertThat(plan.one("aws:ec2/subnet:Subnet", "private-us-east-1a").input("cidrBlock")).isEqualTo("10.0.10.0/24");
        assertThat(diagnostics.toString().lines().filter(l -> l.contains("addresses for pods"))).hasSize(3)
                .allMatch(l -> l.startsWith("pulumi warning: ") && l.contains("may need 300 there"));
    }
}
