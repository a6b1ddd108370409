// Address ranges judged by what they cover, not by their spelling: ["0.0.0.0/1", "128.0.0.0/1"] is the whole
// internet as much as "0.0.0.0/0" is. Parsing by ipaddr.js; the interval arithmetic below only merges,
// subtracts and counts the parsed blocks.
import * as ipaddr from "ipaddr.js";

/**
 * The most public IPv4 addresses a rule's ranges may cover together before the pack treats them as "the
 * internet": a /16 (65,536), the same figure as config's PublicRanges.MAX_PUBLIC_ADDRESSES.
 */
export const MAX_PUBLIC_IPV4_ADDRESSES = 65536n;
/** IPv6: a /48 of global unicast addresses (one site's allocation); anything broader is "the internet". */
export const MAX_PUBLIC_IPV6_ADDRESSES = 1n << 80n;

type Interval = [bigint, bigint]; // [first, last]

/** IANA special-purpose IPv4 blocks (RFC 6890 and successors): not reachable from the internet. */
const NOT_PUBLIC_V4 = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
    "224.0.0.0/4", "240.0.0.0/4"];
/** IPv6 on the internet: global unicast 2000::/3 without the documentation block 2001:db8::/32. */
const PUBLIC_V6 = "2000::/3";
const NOT_PUBLIC_V6 = ["2001:db8::/32"];

function toInterval(cidr: string): { v6: boolean; interval: Interval } | undefined {
    if (typeof cidr !== "string" || !ipaddr.isValidCIDR(cidr)) return undefined;
    const [address, prefix] = ipaddr.parseCIDR(cidr);
    const bytes = address.toByteArray();
    const bits = bytes.length * 8;
    const value = bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
    const size = 1n << BigInt(bits - prefix);
    const first = (value / size) * size;
    return { v6: address.kind() === "ipv6", interval: [first, first + size - 1n] };
}

function merge(intervals: Interval[]): Interval[] {
    const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Interval[] = [];
    for (const [first, last] of sorted) {
        const prev = out[out.length - 1];
        if (prev && first <= prev[1] + 1n) {
            if (last > prev[1]) prev[1] = last;
        } else {
            out.push([first, last]);
        }
    }
    return out;
}

function subtract(intervals: Interval[], removed: Interval): Interval[] {
    const out: Interval[] = [];
    for (const [first, last] of intervals) {
        if (removed[1] < first || removed[0] > last) {
            out.push([first, last]);
            continue;
        }
        if (first < removed[0]) out.push([first, removed[0] - 1n]);
        if (last > removed[1]) out.push([removed[1] + 1n, last]);
    }
    return out;
}

function intersect(intervals: Interval[], within: Interval): Interval[] {
    return intervals
        .map(([first, last]): Interval => [first > within[0] ? first : within[0], last < within[1] ? last : within[1]])
        .filter(([first, last]) => first <= last);
}

const count = (intervals: Interval[]) => intervals.reduce((sum, [first, last]) => sum + (last - first + 1n), 0n);
const interval = (cidr: string) => toInterval(cidr)!.interval;

/** Public addresses the ranges cover together (overlaps once); values that are not CIDR blocks are ignored. */
export function publicAddresses(cidrs: unknown[]): { v4: bigint; v6: bigint } {
    const parsed = cidrs.map((c) => toInterval(String(c))).filter((p) => p !== undefined) as { v6: boolean; interval: Interval }[];
    let v4 = merge(parsed.filter((p) => !p.v6).map((p) => p.interval));
    for (const block of NOT_PUBLIC_V4) v4 = subtract(v4, interval(block));
    let v6 = intersect(merge(parsed.filter((p) => p.v6).map((p) => p.interval)), interval(PUBLIC_V6));
    for (const block of NOT_PUBLIC_V6) v6 = subtract(v6, interval(block));
    return { v4: count(v4), v6: count(v6) };
}

/** Whether the ranges together open more public addresses than the limits: the pack treats them as the internet. */
export function opensToInternet(cidrs: unknown[]): boolean {
    const open = publicAddresses(cidrs);
    return open.v4 > MAX_PUBLIC_IPV4_ADDRESSES || open.v6 > MAX_PUBLIC_IPV6_ADDRESSES;
}

/** One range that alone counts as the internet (0.0.0.0/0, ::/0, 0.0.0.0/1, a public /8 ...). */
export function isInternetCidr(cidr: unknown): boolean {
    return cidr !== undefined && cidr !== null && opensToInternet([cidr]);
}

/** The ranges of a list that open it to the internet: each too broad alone, or, when only together, all of them. */
export function internetRanges(cidrs: unknown[]): string[] {
    const alone = cidrs.filter(isInternetCidr).map(String);
    if (alone.length > 0) return alone;
    return opensToInternet(cidrs) ? cidrs.map(String) : [];
}
