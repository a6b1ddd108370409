package com.featureapi.platform.config;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.Optional;

/**
 * IPv4 CIDR parsing and containment through the maintained {@code com.github.seancfoley:ipaddress}
 * library, so that no bit arithmetic is written by hand.
 */
public final class Cidr {

    private Cidr() {
    }

    /** The parsed network block, or empty when the text is not an IPv4 CIDR block with its host bits zero. */
    public static Optional<IPAddress> parse(String text) {
        if (text == null || !text.contains("/")) {
            return Optional.empty();
        }
        try {
            IPAddress address = new IPAddressString(text).toAddress();
            if (!address.isIPv4() || !address.isPrefixed()) {
                return Optional.empty();
            }
            return Optional.of(address);
        } catch (AddressStringException e) {
            return Optional.empty();
        }
    }

    /** Validates syntax, host bits and the prefix range; reports into {@code problems}. */
    static Optional<IPAddress> check(String key, String text, int minPrefix, int maxPrefix, ConfigProblems problems) {
        Optional<IPAddress> parsed = parse(text);
        if (parsed.isEmpty()) {
            problems.add(key, text, "not a valid IPv4 CIDR block (a.b.c.d/n, each of a-d from 0 to 255, for example 10.0.3.0/24)");
            return Optional.empty();
        }
        IPAddress block = parsed.get();
        int prefix = block.getNetworkPrefixLength();
        if (prefix < minPrefix || prefix > maxPrefix) {
            problems.add(key, text, "prefix length must be from /" + minPrefix + " to /" + maxPrefix + " (AWS limit)");
            return Optional.empty();
        }
        if (!block.isPrefixBlock()) {
            problems.add(key, text, "host bits are set; did you mean " + block.toPrefixBlock().toCanonicalString() + "?");
            return Optional.empty();
        }
        return Optional.of(block);
    }
}
