package com.featureapi.platform.config;

import inet.ipaddr.IPAddress;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a list of IPv4 ranges opens to the internet, by the addresses it covers rather than by its spelling:
 * {@code ["0.0.0.0/1", "128.0.0.0/1"]} is the whole internet as much as {@code 0.0.0.0/0} is. Arithmetic by the
 * maintained {@code com.github.seancfoley:ipaddress} library (merging, subtracting and counting blocks).
 */
public final class PublicRanges {

    /**
     * The most public addresses a list of allowed ranges may cover together: a /16 (65,536). An office, a VPN's
     * egress or a CI provider's published ranges fit in far less; anything broader is treated as "the internet"
     * by config and by the policy pack ({@code policies/src/lib/cidr.ts}, same figure).
     */
    public static final BigInteger MAX_PUBLIC_ADDRESSES = BigInteger.valueOf(65_536);

    /** IANA special-purpose IPv4 blocks (RFC 6890 and successors): not reachable from the internet. */
    private static final List<IPAddress> NOT_PUBLIC = mergedBlocks(List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4"));

    /** Every public IPv4 address. */
    public static final BigInteger INTERNET = publicAddresses(List.of("0.0.0.0/0"));

    private PublicRanges() {
    }

    /** Public addresses the ranges cover together (overlaps counted once); unparsable entries are ignored. */
    public static BigInteger publicAddresses(List<String> cidrs) {
        List<IPAddress> remaining = mergedBlocks(cidrs);
        for (IPAddress reserved : NOT_PUBLIC) {
            List<IPAddress> next = new ArrayList<>();
            for (IPAddress block : remaining) {
                IPAddress[] rest = block.subtract(reserved);
                if (rest != null) {
                    next.addAll(Arrays.asList(rest));
                }
            }
            remaining = next;
        }
        return remaining.stream().map(IPAddress::getCount).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Whether the ranges together open more than {@link #MAX_PUBLIC_ADDRESSES}: treat them as the internet. */
    public static boolean tooBroad(List<String> cidrs) {
        return publicAddresses(cidrs).compareTo(MAX_PUBLIC_ADDRESSES) > 0;
    }

    /**
     * Why the list is refused, or empty when it is not: the ranges together cover the whole internet or more
     * public addresses than {@link #MAX_PUBLIC_ADDRESSES}.
     */
    public static Optional<String> refusal(List<String> cidrs) {
        BigInteger open = publicAddresses(cidrs);
        if (open.equals(INTERNET)) {
            return Optional.of((cidrs.size() == 1 ? "this range covers" : "these ranges together cover") + " the whole internet (every public IPv4 address)");
        }
        if (open.compareTo(MAX_PUBLIC_ADDRESSES) > 0) {
            return Optional.of((cidrs.size() == 1 ? "this range covers " : "these ranges together cover ") + String.format("%,d", open)
                    + " public addresses, more than the " + String.format("%,d", MAX_PUBLIC_ADDRESSES)
                    + " (a /16) allowed (PublicRanges.MAX_PUBLIC_ADDRESSES)");
        }
        return Optional.empty();
    }

    private static List<IPAddress> mergedBlocks(List<String> cidrs) {
        List<IPAddress> blocks = new ArrayList<>();
        for (String cidr : cidrs) {
            Cidr.parse(cidr).filter(IPAddress::isPrefixBlock).ifPresent(blocks::add);
        }
        if (blocks.isEmpty()) {
            return List.of();
        }
        IPAddress first = blocks.get(0);
        return List.of(first.mergeToPrefixBlocks(blocks.subList(1, blocks.size()).toArray(new IPAddress[0])));
    }
}
