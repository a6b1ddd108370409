package com.featureapi.platform.review;

/**
 * A cost line of one side that the catalog cannot price: why a stack's cost delta is unknown.
 *
 * @param side   {@code base} or {@code head}
 * @param type   the resource's type
 * @param name   the resource's name
 * @param label  what is billed ({@code 1 x db.r5.2xlarge (Multi-AZ)})
 * @param reason why it has no price, naming the price key ({@code no price for rds.postgres.db.r5.2xlarge... in the us-east-1 catalog})
 */
public record UnpricedLine(String side, String type, String name, String label, String reason) {
}
