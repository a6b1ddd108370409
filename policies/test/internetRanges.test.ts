// The pack's internet checks by the addresses ranges cover (lib/cidr.ts), not by their spelling.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { internetRanges, isInternetCidr, MAX_PUBLIC_IPV4_ADDRESSES, publicAddresses } from "../src/lib/cidr";
import { checkResource } from "./harness";
import { T } from "../src/lib/types";
import { CLUSTER, clone } from "./fixtures";

const rule = (patch: any) => ({ description: "x", fromPort: 443, toPort: 443, ipProtocol: "tcp", securityGroupId: "sg-1", ...patch });

test("the two halves of the address space are the whole internet", () => {
    // 2^32 minus the special-purpose blocks (0/8, 10/8, 127/8, 100.64/10, 169.254/16, 172.16/12, 192.168/16,
    // 198.18/15, four documentation and protocol /24s, 224/4, 240/4): 4,294,967,296 - 592,708,608
    assert.equal(publicAddresses(["0.0.0.0/1", "128.0.0.0/1"]).v4, 3_702_258_688n);
    assert.equal(publicAddresses(["0.0.0.0/0"]).v4, 3_702_258_688n);
    assert.deepEqual(internetRanges(["0.0.0.0/1", "128.0.0.0/1"]), ["0.0.0.0/1", "128.0.0.0/1"]);
});

test("the limit is a /16 of public addresses, counted over the ranges together", () => {
    assert.equal(MAX_PUBLIC_IPV4_ADDRESSES, 65536n);
    assert.equal(isInternetCidr("52.0.0.0/16"), false, "exactly 65,536");
    assert.equal(isInternetCidr("52.0.0.0/15"), true);
    assert.deepEqual(internetRanges(["52.0.0.0/16", "52.1.0.0/24"]), ["52.0.0.0/16", "52.1.0.0/24"], "65,792 together");
    assert.deepEqual(internetRanges(["52.0.0.0/16", "52.0.1.0/24"]), [], "overlaps count once");
    assert.equal(isInternetCidr("10.0.0.0/8"), false, "private addresses are not public");
    assert.equal(isInternetCidr("100.64.0.0/10"), false, "carrier-grade NAT is not public");
    assert.equal(isInternetCidr("not-a-cidr"), false);
});

test("IPv6: ::/0 and anything broader than a /48 of global unicast is the internet", () => {
    assert.equal(isInternetCidr("::/0"), true);
    assert.equal(isInternetCidr("2600::/1"), true);
    assert.equal(isInternetCidr("2600:1f18:abcd::/48"), false);
    assert.equal(isInternetCidr("2600:1f18::/32"), true);
    assert.equal(isInternetCidr("fd00::/8"), false, "unique local addresses are not public");
});

test("eks-endpoint-private refuses the split /1 range", () => {
    const cluster = { ...clone(CLUSTER), vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } };
    assert.deepEqual(checkResource("eks-endpoint-private", T.eksCluster, cluster), [
        "the cluster API endpoint is public to the whole internet (publicAccessCidrs 0.0.0.0/1, 128.0.0.0/1): set vpcConfig.endpointPublicAccess false, or publicAccessCidrs to named CIDRs of at most a /16 together",
    ]);
    const named = { ...clone(CLUSTER), vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.0/24", "52.94.76.0/22"] } };
    assert.deepEqual(checkResource("eks-endpoint-private", T.eksCluster, named), []);
});

test("sg-no-public-ingress: the load balancer's group takes only tcp 80 and 443 from the internet", () => {
    assert.deepEqual(checkResource("sg-no-public-ingress", T.ingressRule, rule({ cidrIpv4: "0.0.0.0/0" }), { name: "alb-https" }), []);
    assert.deepEqual(checkResource("sg-no-public-ingress", T.ingressRule, rule({ fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }), { name: "alb-http" }), []);
    assert.deepEqual(checkResource("sg-no-public-ingress", T.ingressRule, rule({ fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" }), { name: "alb-postgres" }), [
        "ingress tcp 5432 from 0.0.0.0/0 on the load balancer's group: it may take only tcp 80 and 443 from the internet",
    ]);
    // the inline form on the group itself
    const group = { description: "alb", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] };
    assert.deepEqual(checkResource("sg-no-public-ingress", T.securityGroup, group, { name: "alb" }), [
        "ingress tcp 80-443 from 0.0.0.0/0 on the load balancer's group: it may take only tcp 80 and 443 from the internet",
    ]);
});

test("sg-no-public-ingress and sg-no-admin-ports-from-internet see the split /1 range", () => {
    assert.deepEqual(checkResource("sg-no-public-ingress", T.securityGroupRule, { type: "ingress", protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"], securityGroupId: "sg-1" }, { name: "cache-open" }), [
        "ingress tcp 6379 from 0.0.0.0/1, 128.0.0.0/1: only the load balancer's group may face the internet",
    ]);
    assert.equal(checkResource("sg-no-admin-ports-from-internet", T.ingressRule, rule({ fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/1" })).length, 1);
    assert.deepEqual(checkResource("sg-no-public-ingress", T.ingressRule, rule({ cidrIpv4: "198.51.100.0/24" }), { name: "cache-office" }), []);
});

test("k8s-network-policy-not-allow-all: every namespace, the internet's halves and open egress admit everything", () => {
    const np = (spec: any) => ({ spec: { podSelector: {}, ...spec } });
    assert.deepEqual(checkResource("k8s-network-policy-not-allow-all", T.networkPolicy, np({ ingress: [{ from: [{ namespaceSelector: {} }] }] })), [
        "ingress rule 1 admits every pod of every namespace on every port: the policy isolates nothing; name the peers (pod and namespace selectors) and ports",
    ]);
    assert.deepEqual(checkResource("k8s-network-policy-not-allow-all", T.networkPolicy, np({ ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/1" } }, { ipBlock: { cidr: "128.0.0.0/1" } }] }] })), [
        "ingress rule 1 admits the internet (ipBlock 0.0.0.0/1) on every port: the policy isolates nothing; name the peers (pod and namespace selectors) and ports",
    ]);
    assert.deepEqual(checkResource("k8s-network-policy-not-allow-all", T.networkPolicy, np({ policyTypes: ["Egress"], egress: [{}] })), [
        "egress rule 1 admits every destination on every port: the policy isolates nothing; name the peers (pod and namespace selectors) and ports",
    ]);
    // named peers, or any peer on named ports, or the VPC's own range: not everything
    assert.deepEqual(checkResource("k8s-network-policy-not-allow-all", T.networkPolicy, np({ policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/16" } }] }], egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] })), []);
    // an empty policy denies everything (the default-deny idiom)
    assert.deepEqual(checkResource("k8s-network-policy-not-allow-all", T.networkPolicy, np({ policyTypes: ["Ingress", "Egress"] })), []);
});
