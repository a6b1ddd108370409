// The pack's entry point: `pulumi preview --policy-pack policies` and `run-policy-pack` load this
// (package.json "main": bin/src/index.js, compiled by `npm ci` through the prepare script).
import { PolicyPack } from "@pulumi/policy";
import { packName, policies } from "./policies";

new PolicyPack(packName, {
    description: "Guardrails of the feature-api AWS platform: network, IAM, KMS, EKS, data stores, S3, logs, tags, Kubernetes workloads and Helm releases.",
    policies: policies.map(({ meta: _meta, types: _types, ...policy }) => policy as any),
});
