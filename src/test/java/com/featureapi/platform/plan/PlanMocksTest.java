package com.featureapi.platform.plan;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The mocks seen through the engine: what later tiers receive from earlier ones. */
class PlanMocksTest {

    private static final java.util.function.Supplier<Plan> PLAN = PlannedStacks.sharedPerClass(() -> {
        Path dir = TestProject.inTemporaryDirectory("dev", "config:\n  aws:region: us-east-1\n  platform:accountId: \"333333333333\"\n");
        return new OfflineEngine(false).run(StackFile.load(dir, "dev"), (ctx, keys) -> {
            var west = new Provider("west", ProviderArgs.builder().region("us-west-2").build());
            var inWest = CustomResourceOptions.builder().provider(west).build();
            var replicaKey = new Key("replica", KeyArgs.builder().description("replica").build(), inWest);
            var homeKey = new Key("home", KeyArgs.builder().description("home").build());
            var bucket = new BucketV2("backups", BucketV2Args.builder().bucket("dev-backups-333333333333").build(), inWest);
            new BucketVersioningV2("backups", BucketVersioningV2Args.builder().bucket(bucket.id())
                    .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                    .build(), inWest);
            ctx.export("replicaKeyArn", replicaKey.arn());
            ctx.export("homeKeyArn", homeKey.arn());
            ctx.export("bucketDomain", bucket.bucketRegionalDomainName());
        });
    });

    @Test
    void resourcesOfARegionalProviderGetThatRegionInTheirArns() {
        Plan plan = PLAN.get();
        assertThat((String) plan.outputs().get("replicaKeyArn")).startsWith("arn:aws:kms:us-west-2:333333333333:key/");
        assertThat((String) plan.outputs().get("homeKeyArn")).startsWith("arn:aws:kms:us-east-1:333333333333:key/");
        assertThat(plan.outputs()).containsEntry("bucketDomain", "dev-backups-333333333333.s3.us-west-2.amazonaws.com");
    }

    @Test
    void aBucketsIdIsItsName() {
        Plan plan = PLAN.get();
        assertThat(plan.one("aws:s3/bucketVersioningV2:BucketVersioningV2", "backups").input("bucket"))
                .isEqualTo("dev-backups-333333333333");
    }
}
