package com.featureapi.platform.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import com.featureapi.platform.plan.TestProject;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Ordinary pull requests against the production fixture stack (issue 19), each planned once per test JVM with the
 * real program: the stack file edited as the pull request edits it. {@link #base()} is the fixture stack itself.
 */
public final class PullRequestPlans {

    public static final String STACK = "production";

    /** The production fixture stack as it is. */
    public static Plan base() {
        return PlannedStacks.of(STACK);
    }

    /** The database moves from db.r5.xlarge to db.r5.2xlarge (Multi-AZ stays on). */
    public static final Supplier<Plan> BIGGER_DATABASE = planned(config ->
            ((ObjectNode) config.get("platform:database")).put("instanceClass", "db.r5.2xlarge"));

    /** The app node group's ceiling doubles (maxSize 10 -> 20) and its desiredSize goes 3 -> 5. */
    public static final Supplier<Plan> NODE_GROUP_CEILING = planned(config -> {
        ObjectNode app = (ObjectNode) ((ArrayNode) config.get("platform:cluster").get("nodeGroups")).get(0);
        app.put("maxSize", 20).put("desiredSize", 5);
    });

    /** Only the app node group's desiredSize changes (3 -> 5): the autoscaler owns it. */
    public static final Supplier<Plan> DESIRED_SIZE_ONLY = planned(config ->
            ((ObjectNode) ((ArrayNode) config.get("platform:cluster").get("nodeGroups")).get(0)).put("desiredSize", 5));

    /** The database subnet of us-east-1a moves from 10.0.100.0/24 to 10.0.101.0/24. */
    public static final Supplier<Plan> DATABASE_SUBNET_CIDR = planned(config -> {
        ObjectNode first = (ObjectNode) ((ArrayNode) config.get("platform:network").get("subnets").get("database")).get(0);
        first.put("cidr", "10.0.101.0/24");
    });

    /** The database's master user is renamed: RDS cannot change it in place, and the database is protected. */
    public static final Supplier<Plan> DATABASE_MASTER_USER = planned(config ->
            ((ObjectNode) config.get("platform:database")).put("masterUsername", "platform_admin"));

    /** The fixture's read replica is turned on (platform:database.readReplica.enabled: true, db.r5.large). */
    public static final Supplier<Plan> READ_REPLICA = planned(config ->
            ((ObjectNode) config.get("platform:database").get("readReplica")).put("enabled", true));

    private PullRequestPlans() {
    }

    private static Supplier<Plan> planned(Consumer<ObjectNode> edit) {
        return PlannedStacks.sharedPerClass(() ->
                PlannedStacks.plan(StackFiles.copyEdited(TestProject.temporaryDirectory(), STACK, edit), STACK));
    }

    /** The plan with one resource's inputs edited (what no valid stack file can produce, such as a class the catalog lacks). */
    public static Plan withInputs(Plan plan, String type, String name, UnaryOperator<SortedMap<String, Object>> edit) {
        PlannedResource target = plan.one(type, name);
        List<PlannedResource> resources = plan.resources().stream()
                .map(r -> r == target ? r.withInputs(edit.apply(new TreeMap<>(r.inputs()))) : r).toList();
        return new Plan(plan.project(), plan.stack(), plan.config(), resources, plan.outputs());
    }

    /** The plan without one resource (a pull request that deletes it). */
    public static Plan without(Plan plan, String type, String name) {
        PlannedResource target = plan.one(type, name);
        return new Plan(plan.project(), plan.stack(), plan.config(), plan.resources().stream().filter(r -> r != target).toList(), plan.outputs());
    }

    /** A value of {@code map} replaced. */
    public static SortedMap<String, Object> with(SortedMap<String, Object> map, String key, Object value) {
        map.put(key, value);
        return map;
    }

}
