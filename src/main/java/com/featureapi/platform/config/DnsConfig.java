package com.featureapi.platform.config;

import java.util.regex.Pattern;

/**
 * {@code platform:dns}: the Route 53 hosted zone in which external-dns keeps the record of {@code platform:app.hostname}
 * pointing at the application's load balancer. The zone is a prerequisite, never created by the program (a zone
 * outlives stacks and is often shared): a private zone for an internal ALB, which the network tier associates with the
 * stack's VPC, or the public zone delegated from the parent domain.
 *
 * @param hostedZoneId the zone's id as Route 53 shows it ({@code Z...}, without {@code /hostedzone/}); external-dns'
 *                     role may change records of this zone only
 * @param domain       the zone's domain name (lower case, no trailing dot); {@code platform:app.hostname} lies in it
 * @param privateZone  whether the zone is a private hosted zone: the network tier then associates it with the stack's
 *                     VPC and external-dns looks for a private zone. Route 53 cannot tell offline, so config says it;
 *                     by default private exactly when the ALB is internal
 */
public record DnsConfig(String hostedZoneId, String domain, boolean privateZone) {

    /** Route 53 hosted zone ids: upper-case letters and digits, starting with Z (for example Z0123456789ABCDEFGHIJ). */
    static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");

    static DnsConfig read(ConfigNode node, String hostname, boolean internetFacing) {
        ConfigProblems problems = node.problems();
        String zoneId = node.requiredString("hostedZoneId",
                "hostedZoneId: Z0123456789ABCDEFGHIJ (the Route 53 hosted zone of platform:app.hostname; see README, DNS)");
        if (!zoneId.isEmpty() && !HOSTED_ZONE_ID.matcher(zoneId).matches()) {
            problems.add(node.keyPath("hostedZoneId"), zoneId, zoneId.startsWith("/hostedzone/")
                    ? "give the id without the /hostedzone/ prefix, such as " + zoneId.substring("/hostedzone/".length())
                    : "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones-by-name --dns-name <domain>)");
        }
        String domain = node.requiredString("domain", "domain: staging.example.com (the hosted zone's domain)");
        if (!domain.isEmpty() && !AppConfig.HOSTNAME.matcher(domain).matches()) {
            problems.add(node.keyPath("domain"), domain, "must be the hosted zone's lower-case domain name without a trailing dot, such as staging.example.com");
        } else if (!domain.isEmpty() && AppConfig.HOSTNAME.matcher(hostname).matches() && !hostname.equals(domain) && !hostname.endsWith("." + domain)) {
            problems.add(node.keyPath("domain"), domain, "must contain platform:app.hostname (" + hostname
                    + "): external-dns writes the hostname's record only into this zone");
        }
        boolean privateZone = node.bool("privateZone", !internetFacing);
        if (privateZone && internetFacing) {
            // A private zone answers only inside its associated VPCs: the internet's clients (and the deploy's health
            // check from outside) would never resolve the hostname of an internet-facing ALB.
            problems.add(node.keyPath("privateZone"), "true", "a private hosted zone answers only inside its associated VPCs, "
                    + "so the internet-facing ALB (platform:app.internetFacing: true) could not be found by its clients; "
                    + "use the domain's public hosted zone (privateZone: false) or make the ALB internal");
        }
        node.rejectUnknownKeys();
        return new DnsConfig(zoneId, domain, privateZone);
    }

    /** Route 53's name for the kind of zone ({@code private} or {@code public}), as external-dns' zone-type filter takes it. */
    public String zoneType() {
        return privateZone ? "private" : "public";
    }

    /** The zone the network tier associates with the stack's VPC: this zone when it is private, none when public. */
    public java.util.Optional<String> zoneToAssociateWithTheVpc() {
        return privateZone ? java.util.Optional.of(hostedZoneId) : java.util.Optional.empty();
    }

    /** The zone's ARN, the only resource whose records external-dns may read and change. */
    public String hostedZoneArn() {
        return "arn:aws:route53:::hostedzone/" + hostedZoneId;
    }
}
