package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code platform:dns}: the hosted zone external-dns may write the app's record into, and the exact message for each mistake. */
class DnsConfigTest {

    private static StackConfigFixture staging() {
        return StackConfigFixture.of("staging");
    }

    @Test
    void theFixtureStacksNameTheirZones() {
        DnsConfig staging = staging().load().dns();
        assertThat(staging).isEqualTo(new DnsConfig("Z0STAGINGEXAMPLE0000001", "staging.example.com", true));
        assertThat(staging.hostedZoneArn()).isEqualTo("arn:aws:route53:::hostedzone/Z0STAGINGEXAMPLE0000001");
        assertThat(staging.zoneType()).isEqualTo("private");
        assertThat(staging.zoneToAssociateWithTheVpc()).contains("Z0STAGINGEXAMPLE0000001");
        DnsConfig production = StackConfigFixture.of("production").load().dns();
        assertThat(production).isEqualTo(new DnsConfig("Z0PRODUCTIONEXAMPLE0001", "example.com", false));
        assertThat(production.zoneType()).isEqualTo("public");
        assertThat(production.zoneToAssociateWithTheVpc()).isEmpty();
    }

    @Test
    void withoutTheKeyTheZoneIsPrivateExactlyWhenTheAlbIsInternal() {
        assertThat(staging().remove("platform:dns", "privateZone").load().dns().privateZone()).isTrue();
        assertThat(StackConfigFixture.of("production").remove("platform:dns", "privateZone").load().dns().privateZone()).isFalse();
    }

    @Test
    void anInternalAlbMayHaveItsRecordInAPublicZoneWhichIsNotAssociated() {
        // Route 53 answers a public zone everywhere, the VPN's clients too; the ALB's private addresses are public
        // knowledge already (an internal ALB's own DNS name resolves publicly to them).
        DnsConfig dns = staging().set("platform:dns", "privateZone", false).load().dns();
        assertThat(dns.zoneType()).isEqualTo("public");
        assertThat(dns.zoneToAssociateWithTheVpc()).isEmpty();
    }

    @Test
    void aPrivateZoneIsRefusedForAnInternetFacingAlb() {
        assertThat(StackConfigFixture.of("production").set("platform:dns", "privateZone", true).problems()).containsExactly(
                "platform:dns.privateZone = \"true\": a private hosted zone answers only inside its associated VPCs, so the "
                        + "internet-facing ALB (platform:app.internetFacing: true) could not be found by its clients; use the "
                        + "domain's public hosted zone (privateZone: false) or make the ALB internal");
    }

    @Test
    void privateZoneIsABoolean() {
        assertThat(staging().set("platform:dns", "privateZone", "yes").problems()).containsExactly(
                "platform:dns.privateZone = \"yes\": must be true or false");
    }

    @Test
    void theSectionIsRequired() {
        assertThat(staging().removeKey("platform:dns").problems()).containsExactly(
                "platform:dns: required key is missing; set it, for example a dns section; see Pulumi.staging.yaml for every setting");
    }

    @Test
    void aMissingZoneIdSaysWhereToFindIt() {
        assertThat(staging().remove("platform:dns", "hostedZoneId").problems()).containsExactly(
                "platform:dns.hostedZoneId: required key is missing; set it, for example hostedZoneId: Z0123456789ABCDEFGHIJ "
                        + "(the Route 53 hosted zone of platform:app.hostname; see README, DNS)");
    }

    @Test
    void theConsolesHostedZonePrefixIsRefusedWithTheBareId() {
        assertThat(staging().set("platform:dns", "hostedZoneId", "/hostedzone/Z0STAGINGEXAMPLE0000001").problems()).containsExactly(
                "platform:dns.hostedZoneId = \"/hostedzone/Z0STAGINGEXAMPLE0000001\": give the id without the /hostedzone/ prefix, "
                        + "such as Z0STAGINGEXAMPLE0000001");
    }

    @Test
    void aZoneIdOfAnotherShapeIsRefused() {
        assertThat(staging().set("platform:dns", "hostedZoneId", "z0staging").problems()).containsExactly(
                "platform:dns.hostedZoneId = \"z0staging\": must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ "
                        + "(aws route53 list-hosted-zones-by-name --dns-name <domain>)");
    }

    @Test
    void theZoneMustContainTheAppsHostname() {
        assertThat(staging().set("platform:dns", "domain", "example.org").problems()).containsExactly(
                "platform:dns.domain = \"example.org\": must contain platform:app.hostname (api.staging.example.com): "
                        + "external-dns writes the hostname's record only into this zone");
        // A suffix that is not a parent domain is not the zone of the hostname either.
        assertThat(staging().set("platform:dns", "domain", "ing.example.com").problems()).hasSize(1);
        // The hostname may be the zone's apex.
        assertThat(staging().set("platform:dns", "domain", "api.staging.example.com").load().dns().domain()).isEqualTo("api.staging.example.com");
    }

    @Test
    void aTrailingDotOrUpperCaseDomainIsRefused() {
        assertThat(staging().set("platform:dns", "domain", "staging.example.com.").problems()).containsExactly(
                "platform:dns.domain = \"staging.example.com.\": must be the hosted zone's lower-case domain name without a "
                        + "trailing dot, such as staging.example.com");
    }

    @Test
    void aMisspeltKeyIsRefused() {
        assertThat(staging().set("platform:dns", "hostedZoneID", "Z1").problems()).singleElement()
                .asString().startsWith("platform:dns.hostedZoneID");
    }
}
