// Kubernetes services, ingresses, RBAC and namespaces; Helm releases.
import { PlatformPolicy, resourcePolicy, schema } from "../lib/policy";
import { T } from "../lib/types";
import { asArray } from "../lib/values";
import { isInternetCidr } from "../lib/cidr";

const family = "kubernetes";
const helm = "helm releases";

const empty = (selector: any) => selector !== undefined && selector !== null && Object.keys(selector.matchLabels ?? {}).length === 0 && asArray(selector.matchExpressions).length === 0;

/** A NetworkPolicy peer that stands for anyone, described; undefined for a peer that names someone. */
function openPeer(peer: any): string | undefined {
    if (peer?.ipBlock && isInternetCidr(peer.ipBlock.cidr) && asArray(peer.ipBlock.except).length === 0) return `the internet (ipBlock ${peer.ipBlock.cidr})`;
    if (empty(peer?.namespaceSelector) && (peer.podSelector === undefined || empty(peer.podSelector))) return "every pod of every namespace";
    return undefined;
}

export const clusterObjectPolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "k8s-service-type", family, enforcementLevel: "mandatory",
        checks: "Services are ClusterIP (traffic enters through the ALB Ingress), never NodePort or LoadBalancer",
        rule: "Kubernetes workloads (best practice)", anchors: "GK block-nodeport-services, KY restrict-service-type",
        types: [T.service],
        validate: (p, report) => {
            if (p.spec?.type === "NodePort" || p.spec?.type === "LoadBalancer") report(`Service type ${p.spec.type} exposes pods outside the cluster: use ClusterIP behind an Ingress`);
        },
    }),
    resourcePolicy({
        name: "k8s-no-external-ips", family, enforcementLevel: "mandatory",
        checks: "Services set no externalIPs (CVE-2020-8554)",
        rule: "Kubernetes workloads (best practice)", anchors: "GK externalip, KY restrict-external-ips",
        types: [T.service],
        validate: (p, report) => {
            if (asArray(p.spec?.externalIPs).length > 0) report("externalIPs can intercept cluster traffic (CVE-2020-8554): remove them");
        },
    }),
    resourcePolicy({
        name: "k8s-ingress-https", family, enforcementLevel: "mandatory",
        checks: "Ingresses serve HTTPS (a certificate and an HTTP-to-HTTPS redirect on the ALB) and name their hosts (no wildcard)",
        rule: "Kubernetes workloads (best practice), ALB 1-3", anchors: "GK httpsonly, KY, CKV_AWS_2, AG alb-http-to-https-redirection",
        types: [T.ingress],
        validate: (p, report) => {
            const a = p.metadata?.annotations ?? {};
            const alb = p.spec?.ingressClassName === "alb" || a["kubernetes.io/ingress.class"] === "alb";
            const tls = asArray(p.spec?.tls).length > 0 || (alb && a["alb.ingress.kubernetes.io/certificate-arn"]);
            if (!tls) report("no TLS: set spec.tls or alb.ingress.kubernetes.io/certificate-arn");
            if (alb && !a["alb.ingress.kubernetes.io/ssl-redirect"]) report("no alb.ingress.kubernetes.io/ssl-redirect: plain HTTP is served instead of redirected");
            if (alb && a["alb.ingress.kubernetes.io/ssl-policy"] && !/TLS13|TLS-1-2/.test(a["alb.ingress.kubernetes.io/ssl-policy"])) report(`ssl-policy ${a["alb.ingress.kubernetes.io/ssl-policy"]} allows TLS below 1.2`);
            for (const r of asArray<any>(p.spec?.rules)) if (!r.host || String(r.host).startsWith("*")) report(`rule host ${r.host ?? "(none)"}: name the host`);
        },
    }),
    resourcePolicy({
        name: "k8s-network-policy-not-allow-all", family, enforcementLevel: "mandatory",
        checks: "No NetworkPolicy rule in effect admits everything: a rule on every port whose peers are anyone (no peer list, every namespace, or an ipBlock as broad as the internet)",
        rule: "Kubernetes workloads (best practice)", anchors: "CIS-E 4.3.2, KY require-netpol",
        types: [T.networkPolicy],
        validate: (p, report) => {
            const spec = p.spec ?? {};
            // Kubernetes' default policyTypes: Ingress, plus Egress when the policy has egress rules
            const types: string[] = asArray<string>(spec.policyTypes).length > 0 ? asArray<string>(spec.policyTypes)
                : ["Ingress", ...(spec.egress !== undefined ? ["Egress"] : [])];
            for (const [direction, peersKey, what] of [["Ingress", "from", "source"], ["Egress", "to", "destination"]] as const) {
                if (!types.includes(direction)) continue;
                asArray<any>(spec[direction.toLowerCase()]).forEach((r, i) => {
                    if (asArray(r?.ports).length > 0) return;
                    const peers = asArray<any>(r?.[peersKey]);
                    const anyone = peers.length === 0 ? `every ${what}` : peers.map(openPeer).find((x) => x !== undefined);
                    if (anyone) report(`${direction.toLowerCase()} rule ${i + 1} admits ${anyone} on every port: the policy isolates nothing; name the peers (pod and namespace selectors) and ports`);
                });
            }
        },
    }),
    resourcePolicy({
        name: "k8s-storage-class-encrypted", family, enforcementLevel: "mandatory",
        checks: "EBS StorageClasses encrypt volumes with a customer-managed key (parameters encrypted \"true\" and kmsKeyId)",
        rule: "Kubernetes workloads (storage)", anchors: "CKV_AWS_3 (EBS encryption), CIS-E 5.3",
        types: [T.storageClass],
        validate: (p, report) => {
            if (p.provisioner !== "ebs.csi.aws.com" && p.provisioner !== "kubernetes.io/aws-ebs") return;
            if (String(p.parameters?.encrypted) !== "true") report(`StorageClass ${p.metadata?.name}: parameters.encrypted is not "true": its volumes are unencrypted unless the account defaults to encryption`);
            else if (!p.parameters?.kmsKeyId) report(`StorageClass ${p.metadata?.name}: no parameters.kmsKeyId: volumes use the AWS-managed EBS key; set the EBS key`);
        },
    }),
    resourcePolicy({
        name: "k8s-configmap-no-secrets", family, enforcementLevel: "mandatory",
        checks: "ConfigMaps carry no secrets (no key named like a password, token or private key): secrets come from Secrets Manager through External Secrets",
        rule: "Kubernetes workloads (best practice)", anchors: "CKV_K8S_35 (secrets as files), KY",
        types: [T.configMap],
        validate: (p, report) => {
            for (const key of [...Object.keys(p.data ?? {}), ...Object.keys(p.binaryData ?? {})]) {
                if (/(password|passwd|secret|token|api[-_]?key|private[-_]?key|credentials)/i.test(key)) report(`ConfigMap ${p.metadata?.name} key ${key} looks like a secret: keep it in Secrets Manager and sync it with an ExternalSecret`);
            }
        },
    }),
    resourcePolicy({
        name: "k8s-secret-store-no-static-credentials", family, enforcementLevel: "mandatory",
        checks: "External Secrets stores reach AWS through the controller's Pod Identity, never with access keys kept in a Kubernetes secret",
        rule: "Kubernetes workloads (best practice)", anchors: "CIS-E 5.1.5 (workload identity)",
        types: [T.clusterSecretStore, T.secretStore],
        validate: (p, report) => {
            if (p.spec?.provider?.aws?.auth?.secretRef) report(`${p.kind ?? "SecretStore"} ${p.metadata?.name} authenticates with access keys from a Kubernetes secret: remove auth.secretRef and let the controller's Pod Identity sign`);
        },
    }),
    resourcePolicy({
        name: "k8s-generated-password-strong", family, enforcementLevel: "mandatory",
        checks: "Passwords generated by External Secrets are at least N characters (default 24)",
        rule: "Kubernetes workloads (best practice)", anchors: "none",
        config: schema({ minimumLength: { type: "integer", default: 24, minimum: 8, description: "shortest generated password" } }),
        types: [T.passwordGenerator],
        validate: (p, report, config) => {
            const length = Number(p.spec?.length ?? 24);
            if (length < config.minimumLength) report(`Password ${p.metadata?.name} generates ${length} characters: use at least ${config.minimumLength}`);
        },
    }),
    resourcePolicy({
        name: "k8s-external-secret-refreshed", family, enforcementLevel: "advisory",
        checks: "ExternalSecrets that copy a Secrets Manager secret refresh it (refreshInterval not \"0\"), so a rotated secret reaches the pods; generated ones may be copied once",
        rule: "Kubernetes workloads (best practice)", anchors: "none",
        types: [T.externalSecret],
        validate: (p, report) => {
            const spec = p.spec ?? {};
            const generated = asArray<any>(spec.dataFrom).some((d) => d?.sourceRef?.generatorRef);
            if (!generated && String(spec.refreshInterval ?? "1h") === "0") report(`ExternalSecret ${p.metadata?.name} never refreshes: a rotated secret (the RDS master password rotates every 7 days) never reaches the pods; set refreshInterval, for example 1h`);
        },
    }),
    resourcePolicy({
        name: "k8s-alerts-routed", family, enforcementLevel: "advisory",
        checks: "Every alert of a PrometheusRule has a severity (critical, warning or info: what Alertmanager routes on) and a runbook_url or runbook annotation",
        rule: "Observability (alerting)", anchors: "none",
        types: [T.prometheusRule],
        validate: (p, report) => {
            for (const group of asArray<any>(p.spec?.groups)) {
                for (const rule of asArray<any>(group?.rules).filter((r) => r?.alert)) {
                    const severity = rule.labels?.severity;
                    if (!["critical", "warning", "info"].includes(severity)) report(`alert ${rule.alert} has severity ${severity ?? "(none)"}: Alertmanager routes on critical, warning or info`);
                    const a = rule.annotations ?? {};
                    if (!a.runbook_url && !a.runbook) report(`alert ${rule.alert} has no runbook_url: whoever is paged needs the steps`);
                }
            }
        },
    }),
    resourcePolicy({
        name: "k8s-no-wildcard-rbac", family, enforcementLevel: "mandatory",
        checks: "Roles grant no \"*\" verbs or resources, and no escalate, bind or impersonate",
        rule: "Kubernetes workloads (RBAC)", anchors: "KY restrict-wildcard-verbs/resources, CIS-E 4.1.3, CIS-E 4.1.8",
        types: [T.clusterRole, T.role],
        validate: (p, report) => {
            asArray<any>(p.rules).forEach((r, i) => {
                if (asArray(r.verbs).includes("*") || asArray(r.resources).includes("*")) report(`rule ${i + 1} uses "*" verbs or resources: list them`);
                const risky = asArray<string>(r.verbs).filter((v) => ["escalate", "bind", "impersonate"].includes(v));
                if (risky.length) report(`rule ${i + 1} allows ${risky.join(", ")}: that lets its holder gain more rights`);
            });
        },
    }),
    resourcePolicy({
        name: "k8s-no-cluster-admin-binding", family, enforcementLevel: "mandatory",
        checks: "Nothing is bound to cluster-admin (admins get it through EKS access entries)",
        rule: "Kubernetes workloads (RBAC)", anchors: "CIS-E 4.1.1, KY",
        types: [T.clusterRoleBinding, T.roleBinding],
        validate: (p, report) => {
            if (p.roleRef?.name === "cluster-admin") report(`binds cluster-admin to ${asArray<any>(p.subjects).map((s) => `${s.kind} ${s.name}`).join(", ")}: grant a narrower role`);
        },
    }),
    resourcePolicy({
        name: "k8s-namespace-pod-security", family, enforcementLevel: "mandatory",
        checks: "Namespaces carry Pod Security Admission labels enforcing baseline or restricted",
        rule: "Kubernetes workloads (namespaces)", anchors: "PSS, KY add-psa-labels, CIS-E 4.2",
        config: schema({ privileged: { type: "array", items: { type: "string" }, default: ["kube-system", "monitoring", "velero"], description: "namespaces of node agents (node-exporter, Velero's node agent) that may enforce privileged, which must then say so with the label" } }),
        types: [T.namespace],
        validate: (p, report, config) => {
            const name = p.metadata?.name;
            const level = (p.metadata?.labels ?? {})["pod-security.kubernetes.io/enforce"];
            if ((config.privileged as string[]).includes(name) && (level === "privileged" || name === "kube-system")) return;
            if (level !== "restricted" && level !== "baseline") report(`namespace ${name ?? ""} does not enforce a Pod Security level (pod-security.kubernetes.io/enforce: restricted)`);
        },
    }),
    resourcePolicy({
        name: "helm-chart-version-pinned", family: helm, enforcementLevel: "mandatory",
        checks: "Helm releases pin an exact chart version (no range, no latest)",
        rule: "Helm releases", anchors: "none (Helm releases)",
        types: [T.helmRelease],
        validate: (p, report) => {
            const local = !p.repositoryOpts?.repo && !String(p.chart ?? "").startsWith("oci://");
            if (local) return; // a chart from this repository is pinned by the commit
            if (!p.version) report(`chart ${p.chart} has no version: every deploy may pick a new chart`);
            else if (!/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(p.version)) report(`chart ${p.chart} version ${p.version} is a range: pin an exact version`);
        },
    }),
    resourcePolicy({
        name: "helm-repository-allowed", family: helm, enforcementLevel: "mandatory",
        checks: "Charts come from an allow-listed repository over HTTPS (or OCI), or from this repository",
        rule: "Helm releases", anchors: "none (Helm releases)",
        config: schema({ repositories: { type: "array", items: { type: "string" }, default: ["https://prometheus-community.github.io/helm-charts", "https://aws.github.io/eks-charts", "https://kubernetes.github.io/autoscaler", "https://charts.external-secrets.io", "https://vmware-tanzu.github.io/helm-charts", "https://kubernetes-sigs.github.io/metrics-server", "https://kubernetes-sigs.github.io/external-dns", "https://fluent.github.io/helm-charts", "https://grafana-community.github.io/helm-charts", "https://grafana.github.io/helm-charts", "https://open-telemetry.github.io/opentelemetry-helm-charts", "oci://public.ecr.aws/karpenter"], description: "allowed chart repositories" } }),
        types: [T.helmRelease],
        validate: (p, report, config) => {
            const repo: string | undefined = p.repositoryOpts?.repo ?? (String(p.chart ?? "").startsWith("oci://") ? String(p.chart) : undefined);
            if (!repo) return;
            const allowed = (config.repositories as string[]).some((r) => repo.replace(/\/$/, "") === r.replace(/\/$/, "") || repo.startsWith(r + "/"));
            if (!allowed) report(`repository ${repo} is not on the allow-list (policies/config: helm-repository-allowed.repositories)`);
            if (repo.startsWith("http://")) report(`repository ${repo} is plain HTTP`);
        },
    }),
    resourcePolicy({
        name: "helm-no-plaintext-secrets", family: helm, enforcementLevel: "mandatory",
        checks: "Release values hold no plaintext password, token or key (use existingSecret / External Secrets, or a Pulumi secret)",
        rule: "Helm releases", anchors: "none (Helm releases)",
        types: [T.helmRelease],
        validate: (p, report) => {
            const found: string[] = [];
            const walk = (v: any, path: string) => {
                if (v === null || v === undefined) return;
                if (typeof v === "object") {
                    for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
                    return;
                }
                const key = path.split(".").pop() ?? "";
                if (typeof v !== "string" || v === "" || v === "[secret]" || /existing|name|ref/i.test(key)) return;
                // "...Secret" keys usually name a Secret or a Secrets Manager entry (platform/prod/app/db, an ARN): only a value
                // that does not look like such a reference is a credential.
                const reference = /^arn:/.test(v) || /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/.test(v) || /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v);
                if (/(password|passwd|token|apikey|api_key|accesskey|privatekey)$/i.test(key) || (/secret$/i.test(key) && !reference)) found.push(path);
            };
            walk(p.values, "");
            if (found.length) report(`values ${found.join(", ")} hold plaintext credentials: reference an existing Secret or pass a Pulumi secret`);
        },
    }),
    resourcePolicy({
        name: "helm-release-namespace", family: helm, enforcementLevel: "mandatory",
        checks: "Releases install into a named namespace, not default",
        rule: "Helm releases", anchors: "KY disallow-default-namespace",
        types: [T.helmRelease],
        validate: (p, report) => {
            if (!p.namespace || p.namespace === "default") report("the release installs into the default namespace: name its namespace");
        },
    }),
    resourcePolicy({
        name: "helm-atomic", family: helm, enforcementLevel: "advisory",
        checks: "Releases roll back a failed install or upgrade (atomic) instead of leaving it half-applied",
        rule: "Helm releases", anchors: "none (best practice)",
        types: [T.helmRelease],
        validate: (p, report) => {
            if (p.atomic !== true && p.atomic !== "true") report("atomic is not set: a failed upgrade leaves the release half-applied");
        },
    }),
    resourcePolicy({
        name: "helm-monitoring-retention", family: helm, enforcementLevel: "advisory",
        checks: "kube-prometheus-stack sets Prometheus retention and a persistent volume with a size limit",
        rule: "Helm releases", anchors: "none (Helm releases)",
        types: [T.helmRelease],
        validate: (p, report) => {
            if (!String(p.chart ?? "").includes("kube-prometheus-stack")) return;
            const spec = p.values?.prometheus?.prometheusSpec ?? {};
            if (!spec.retention) report("prometheus.prometheusSpec.retention is not set: the chart default (10d) applies");
            if (!spec.storageSpec?.volumeClaimTemplate?.spec?.resources?.requests?.storage) report("Prometheus has no persistent volume size: data is lost on restart or fills the node");
        },
    }),
];
