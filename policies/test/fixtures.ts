// Resources that pass every policy, as the program registers them (property names and value shapes
// copied from out/production/plan.json), for tests to break one property at a time.
export const PROVIDER = {
    region: "us-east-1",
    allowedAccountIds: "[\"222222222222\"]",
    defaultTags: JSON.stringify({ tags: { CostCenter: "feature-api", Environment: "production", ManagedBy: "pulumi", Owner: "platform-team", Project: "platform", Stack: "production" } }),
};

export function clone<T>(x: T): T {
    return JSON.parse(JSON.stringify(x));
}

export const DEPLOYMENT = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "feature-api", namespace: "feature-api", labels: { "app.kubernetes.io/name": "feature-api", "app.kubernetes.io/instance": "feature-api" } },
    spec: {
        replicas: 3,
        selector: { matchLabels: { "app.kubernetes.io/name": "feature-api" } },
        template: {
            metadata: { labels: { "app.kubernetes.io/name": "feature-api", "app.kubernetes.io/instance": "feature-api" } },
            spec: {
                serviceAccountName: "feature-api",
                automountServiceAccountToken: false,
                priorityClassName: "feature-api",
                securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                topologySpreadConstraints: [{ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1, whenUnsatisfiable: "DoNotSchedule" }],
                volumes: [{ name: "tmp", emptyDir: {} }, { name: "db", secret: { secretName: "feature-api-db" } }],
                containers: [{
                    name: "app",
                    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/feature-api:1.4.2@sha256:0f3c",
                    ports: [{ containerPort: 8080 }],
                    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi", "ephemeral-storage": "1Gi" } },
                    livenessProbe: { httpGet: { path: "/healthz", port: 8080 } },
                    readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
                    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                }],
            },
        },
    },
};

/** The Deployment with `edit` applied to its pod spec. */
export function deployment(edit: (spec: any, d: any) => void = () => undefined): any {
    const d = clone(DEPLOYMENT);
    edit(d.spec.template.spec, d);
    return d;
}

export function container(edit: (c: any) => void): any {
    return deployment((s) => edit(s.containers[0]));
}

export const RDS = {
    allocatedStorage: 100, autoMinorVersionUpgrade: true, backupRetentionPeriod: 30, caCertIdentifier: "rds-ca-rsa2048-g1",
    copyTagsToSnapshot: true, dbSubnetGroupName: "platform-production-postgres", deletionProtection: true,
    enabledCloudwatchLogsExports: ["postgresql", "upgrade"], engine: "postgres", engineVersion: "17.9",
    finalSnapshotIdentifier: "platform-production-postgres-final", iamDatabaseAuthenticationEnabled: true,
    instanceClass: "db.r5.xlarge", kmsKeyId: "arn:aws:kms:us-east-1:222222222222:key/1fcd", monitoringInterval: 60,
    monitoringRoleArn: "arn:aws:iam::222222222222:role/rds-monitoring", multiAz: true, parameterGroupName: "platform-production-postgres17",
    performanceInsightsEnabled: true, performanceInsightsKmsKeyId: "arn:aws:kms:us-east-1:222222222222:key/1fcd",
    publiclyAccessible: false, skipFinalSnapshot: false, storageEncrypted: true, storageType: "gp3", tags: { Name: "platform-production-postgres" },
};

/** A read replica of RDS as ReadReplica registers it in production: no key, no backups, no final snapshot, single-AZ. */
export const REPLICA = (() => {
    const r: Record<string, any> = {
        ...RDS, replicateSourceDb: "arn:aws:rds:us-east-1:222222222222:db:platform-production-postgres", multiAz: false,
        skipFinalSnapshot: true, backupRetentionPeriod: 0, tags: { Name: "platform-production-postgres-replica" },
    };
    delete r.kmsKeyId;
    delete r.finalSnapshotIdentifier;
    return r;
})();

export const REDIS = {
    atRestEncryptionEnabled: true, autoMinorVersionUpgrade: true, automaticFailoverEnabled: true, engine: "redis", engineVersion: "7.1",
    finalSnapshotIdentifier: "platform-production-redis-final", kmsKeyId: "arn:aws:kms:us-east-1:222222222222:key/a778", multiAzEnabled: true,
    nodeType: "cache.r5.large", numCacheClusters: 3, port: 6379, snapshotRetentionLimit: 7, subnetGroupName: "platform-production-redis",
    transitEncryptionEnabled: true, transitEncryptionMode: "required", userGroupIds: ["platform-production-redis"], tags: { Name: "platform-production-redis" },
};

export const CLUSTER = {
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
    enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    encryptionConfig: { provider: { keyArn: "arn:aws:kms:us-east-1:222222222222:key/2b84" }, resources: ["secrets"] },
    name: "platform-production", version: "1.35", tags: { Name: "platform-production" },
    vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, subnetIds: ["subnet-1", "subnet-2"] },
};

export const LAUNCH_TEMPLATE = {
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { deleteOnTermination: "true", encrypted: "true", kmsKeyId: "arn:aws:kms:us-east-1:222222222222:key/0551", volumeSize: 100, volumeType: "gp3" } }],
    metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
    networkInterfaces: [{ associatePublicIpAddress: "false", deleteOnTermination: "true", deviceIndex: 0, securityGroups: ["sg-3b82"] }],
    tags: { Name: "platform-production-app-nodes" },
};

export const NODE_GROUP = {
    amiType: "AL2023_x86_64_STANDARD", capacityType: "ON_DEMAND", clusterName: "platform-production", instanceTypes: ["m5.xlarge"],
    launchTemplate: { id: "lt-5dd2", version: "1" }, scalingConfig: { desiredSize: 3, maxSize: 10, minSize: 3 }, tags: { Name: "platform-production-app-nodes" },
    updateConfig: { maxUnavailablePercentage: 33 }, version: "1.35",
};

export const KMS_KEY = {
    deletionWindowInDays: 30, description: "platform-production: rds", enableKeyRotation: true,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: ["kms:Describe*"], Resource: "*" }] }),
    tags: { Name: "platform-production-rds" },
};

export function doc(...statements: any[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const POD_TRUST = doc({
    Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: {
        ArnEquals: { "aws:SourceArn": "arn:aws:eks:us-east-1:222222222222:cluster/platform-production" },
        StringEquals: { "aws:RequestTag/kubernetes-namespace": "feature-api", "aws:RequestTag/kubernetes-service-account": "feature-api", "aws:SourceAccount": "222222222222" },
    },
});
