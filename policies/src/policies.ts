// Every policy of the pack, in the order of docs/policies.md.
import { PlatformPolicy } from "./lib/policy";
import { networkPolicies } from "./aws/network";
import { securityGroupPolicies } from "./aws/securityGroups";
import { iamPolicies } from "./aws/iam";
import { kmsPolicies } from "./aws/kms";
import { eksPolicies } from "./aws/eks";
import { dataPolicies } from "./aws/data";
import { s3Policies } from "./aws/s3";
import { logsAndSecretsPolicies } from "./aws/logs";
import { auditTrailPolicies } from "./aws/audit";
import { alertingAndServicePolicies } from "./aws/alerting";
import { stackWidePolicies } from "./aws/stack";
import { edgePolicies } from "./aws/edge";
import { workloadPolicies, workloadStackPolicies } from "./kubernetes/workloads";
import { clusterObjectPolicies } from "./kubernetes/cluster";

export const packName = "platform";

export const policies: PlatformPolicy[] = [
    ...networkPolicies,
    ...securityGroupPolicies,
    ...iamPolicies,
    ...kmsPolicies,
    ...eksPolicies,
    ...dataPolicies,
    ...s3Policies,
    ...logsAndSecretsPolicies,
    ...auditTrailPolicies,
    ...alertingAndServicePolicies,
    ...stackWidePolicies,
    ...edgePolicies,
    ...workloadPolicies,
    ...workloadStackPolicies,
    ...clusterObjectPolicies,
];
