// Kubernetes workloads: Pod Security Standards (baseline and restricted) and operational best
// practice. They check typed Kubernetes resources and the manifests `plan` renders from local charts
// (both have the manifest shape: apiVersion, kind, metadata, spec).
import { PolicyResource } from "@pulumi/policy";
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T, WORKLOADS } from "../lib/types";
import { asArray, num } from "../lib/values";

const family = "kubernetes workloads";

export function podSpec(type: string, p: Record<string, any>): any | undefined {
    if (type === T.pod) return p.spec;
    if (type === T.cronJob) return p.spec?.jobTemplate?.spec?.template?.spec;
    return p.spec?.template?.spec;
}

export function podLabels(type: string, p: Record<string, any>): Record<string, string> {
    if (type === T.pod) return p.metadata?.labels ?? {};
    if (type === T.cronJob) return p.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
    return p.spec?.template?.metadata?.labels ?? {};
}

function podAnnotations(type: string, p: Record<string, any>): Record<string, string> {
    if (type === T.pod) return p.metadata?.annotations ?? {};
    return p.spec?.template?.metadata?.annotations ?? {};
}

interface Container { name: string; kind: string; c: any; }

function containers(spec: any): Container[] {
    return [
        ...asArray<any>(spec?.initContainers).map((c) => ({ name: c.name, kind: "init container", c })),
        ...asArray<any>(spec?.containers).map((c) => ({ name: c.name, kind: "container", c })),
        ...asArray<any>(spec?.ephemeralContainers).map((c) => ({ name: c.name, kind: "ephemeral container", c })),
    ];
}

/** Effective value of a securityContext field: the container's, else the pod's. */
function effective(spec: any, c: any, field: string): any {
    return c.securityContext?.[field] !== undefined ? c.securityContext[field] : spec?.securityContext?.[field];
}

type PodCheck = (spec: any, report: (m: string) => void, config: any, type: string, p: Record<string, any>) => void;

function podPolicy(name: string, checks: string, rule: string, anchors: string, level: "mandatory" | "advisory", check: PodCheck, config?: any): PlatformPolicy {
    return resourcePolicy({
        name, family, enforcementLevel: level, checks, rule, anchors, config, types: WORKLOADS,
        validate: (p, report, cfg, args) => {
            const spec = podSpec(args.type, p);
            if (spec) check(spec, report, cfg, args.type, p);
        },
    });
}

function perContainer(name: string, checks: string, rule: string, anchors: string, level: "mandatory" | "advisory",
                      check: (spec: any, c: Container, cfg: any) => string | undefined, config?: any): PlatformPolicy {
    return podPolicy(name, checks, rule, anchors, level, (spec, report, cfg) => {
        for (const c of containers(spec)) {
            const problem = check(spec, c, cfg);
            if (problem) report(`${c.kind} ${c.name}: ${problem}`);
        }
    }, config);
}

const BASELINE_CAPS = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];
const RESTRICTED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
const SAFE_SYSCTLS = ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"];

/** The image with Docker Hub made explicit, as the kubelet resolves it: postgres:17 is docker.io/library/postgres:17. */
export function qualifiedImage(image: string): string {
    const first = image.split("/")[0];
    const hasRegistry = image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
    if (hasRegistry) return image;
    return image.includes("/") ? `docker.io/${image}` : `docker.io/library/${image}`;
}

function registryMatches(entry: string, image: string): boolean {
    image = qualifiedImage(image);
    if (entry.startsWith(".")) {
        const host = image.split("/")[0];
        const suffix = entry.replace(/\/$/, "");
        return image.includes("/") && host.endsWith(suffix) && /^\d{12}$/.test(host.split(".")[0]);
    }
    return image.startsWith(entry);
}

export const workloadPolicies: PlatformPolicy[] = [
    perContainer("k8s-no-privileged", "No privileged containers", "Kubernetes workloads (PSS baseline)", "PSS-B privileged, GK, KY disallow-privileged-containers", "mandatory",
        (_s, { c }) => c.securityContext?.privileged === true ? "privileged: true gives the container the node: remove it" : undefined),
    podPolicy("k8s-no-host-namespaces", "Pods do not share the node's PID, IPC or network namespace", "Kubernetes workloads (PSS baseline)", "PSS-B host namespaces, KY disallow-host-namespaces", "mandatory", (spec, report) => {
        for (const f of ["hostPID", "hostIPC", "hostNetwork"]) if (spec[f] === true) report(`${f}: true shares the node's namespace with the pod: remove it`);
    }),
    podPolicy("k8s-no-host-path", "Pods mount no hostPath volumes", "Kubernetes workloads (PSS baseline)", "PSS-B hostPath volumes, KY disallow-host-path", "mandatory", (spec, report) => {
        for (const v of asArray<any>(spec.volumes)) if (v.hostPath) report(`volume ${v.name} mounts ${v.hostPath.path} from the node: use a PVC, emptyDir or ConfigMap`);
    }),
    perContainer("k8s-no-host-ports", "Containers bind no host ports", "Kubernetes workloads (PSS baseline)", "PSS-B host ports, KY disallow-host-ports", "mandatory",
        (_s, { c }) => {
            const ports = asArray<any>(c.ports).filter((p) => p.hostPort !== undefined && p.hostPort !== 0).map((p) => p.hostPort);
            return ports.length ? `hostPort ${ports.join(", ")}: expose the port through a Service` : undefined;
        }),
    perContainer("k8s-no-host-process", "No Windows HostProcess containers", "Kubernetes workloads (PSS baseline)", "PSS-B HostProcess", "mandatory",
        (s, { c }) => effective(s, c, "windowsOptions")?.hostProcess === true ? "windowsOptions.hostProcess is true" : undefined),
    perContainer("k8s-no-added-capabilities", "Containers add no capability beyond NET_BIND_SERVICE (baseline forbids NET_RAW and anything outside its list)", "Kubernetes workloads (PSS baseline/restricted)", "PSS-B capabilities, PSS-R capabilities, KY require-drop-cap-net-raw", "mandatory",
        (_s, { c }) => {
            const added = asArray<string>(c.securityContext?.capabilities?.add).filter((cap) => cap !== "NET_BIND_SERVICE");
            const outside = added.filter((cap) => !BASELINE_CAPS.includes(cap));
            return added.length ? `adds capabilities ${added.join(", ")}${outside.length ? ` (${outside.join(", ")} not even allowed by baseline)` : ""}: add only NET_BIND_SERVICE` : undefined;
        }),
    perContainer("k8s-drop-all-capabilities", "Containers drop ALL capabilities", "Kubernetes workloads (PSS restricted)", "PSS-R capabilities, KY require-drop-all", "mandatory",
        (_s, { c }) => asArray<string>(c.securityContext?.capabilities?.drop).includes("ALL") ? undefined : "securityContext.capabilities.drop does not include ALL"),
    perContainer("k8s-no-privilege-escalation", "Containers set allowPrivilegeEscalation false", "Kubernetes workloads (PSS restricted)", "PSS-R privilege escalation, KY disallow-privilege-escalation", "mandatory",
        (_s, { c }) => c.securityContext?.allowPrivilegeEscalation === false ? undefined : "allowPrivilegeEscalation is not false: set it false (setuid binaries could gain root)"),
    perContainer("k8s-run-as-non-root", "Containers must run as non-root (runAsNonRoot true on the pod or container, never false)", "Kubernetes workloads (PSS restricted)", "PSS-R running as non-root, KY require-run-as-nonroot", "mandatory",
        (s, { c }) => effective(s, c, "runAsNonRoot") === true ? undefined : `runAsNonRoot is ${effective(s, c, "runAsNonRoot") ?? "unset"}: set runAsNonRoot: true so the kubelet refuses to start it as root`),
    perContainer("k8s-run-as-non-zero-user", "runAsUser is never 0", "Kubernetes workloads (PSS restricted)", "PSS-R running as non-root user, KY require-run-as-non-root-user", "mandatory",
        (s, { c }) => effective(s, c, "runAsUser") === 0 ? "runAsUser is 0 (root)" : undefined),
    perContainer("k8s-seccomp-runtime-default", "The seccomp profile is RuntimeDefault or Localhost (on the pod or each container)", "Kubernetes workloads (PSS restricted)", "PSS-R seccomp, KY restrict-seccomp-strict", "mandatory",
        (s, { c }) => {
            const t = effective(s, c, "seccompProfile")?.type;
            return t === "RuntimeDefault" || t === "Localhost" ? undefined : `seccompProfile.type is ${t ?? "unset"}: set RuntimeDefault`;
        }),
    podPolicy("k8s-allowed-volume-types", "Pods use only the volume types restricted allows (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret)", "Kubernetes workloads (PSS restricted)", "PSS-R volume types, KY restrict-volume-types", "mandatory", (spec, report) => {
        for (const v of asArray<any>(spec.volumes)) {
            const kind = Object.keys(v).find((k) => k !== "name");
            if (kind && !RESTRICTED_VOLUMES.includes(kind)) report(`volume ${v.name} is of type ${kind}, not allowed by the restricted profile`);
        }
    }),
    perContainer("k8s-default-proc-mount", "procMount is Default", "Kubernetes workloads (PSS baseline)", "PSS-B /proc mount type", "mandatory",
        (_s, { c }) => c.securityContext?.procMount && c.securityContext.procMount !== "Default" ? `procMount ${c.securityContext.procMount} unmasks /proc` : undefined),
    podPolicy("k8s-safe-sysctls", "Pods set only the sysctls baseline calls safe", "Kubernetes workloads (PSS baseline)", "PSS-B sysctls", "mandatory", (spec, report) => {
        for (const s of asArray<any>(spec.securityContext?.sysctls)) if (!SAFE_SYSCTLS.includes(s.name)) report(`sysctl ${s.name} is not in the safe set`);
    }),
    podPolicy("k8s-apparmor-not-overridden", "AppArmor is not set to unconfined", "Kubernetes workloads (PSS baseline)", "PSS-B AppArmor", "mandatory", (spec, report, _c, type, p) => {
        for (const [k, v] of Object.entries(podAnnotations(type, p))) if (k.startsWith("container.apparmor.security.beta.kubernetes.io/") && v === "unconfined") report(`${k} is unconfined`);
        if (spec.securityContext?.appArmorProfile?.type === "Unconfined") report("appArmorProfile is Unconfined");
        for (const { c, name } of containers(spec)) if (c.securityContext?.appArmorProfile?.type === "Unconfined") report(`container ${name}: appArmorProfile is Unconfined`);
    }),
    perContainer("k8s-selinux-restricted", "SELinux options set no custom user or role, and only the container types baseline allows", "Kubernetes workloads (PSS baseline)", "PSS-B SELinux", "mandatory",
        (s, { c }) => {
            const se = effective(s, c, "seLinuxOptions");
            if (!se) return undefined;
            if (se.user || se.role) return "seLinuxOptions sets user or role";
            return se.type && !["container_t", "container_init_t", "container_kvm_t", "container_engine_t"].includes(se.type) ? `seLinuxOptions.type ${se.type} is not allowed` : undefined;
        }),
    perContainer("k8s-read-only-root-filesystem", "Containers have a read-only root filesystem (write to emptyDir volumes)", "Kubernetes workloads (best practice)", "KY require-ro-rootfs, CKV_K8S_22", "mandatory",
        (_s, { c }) => c.securityContext?.readOnlyRootFilesystem === true ? undefined : "readOnlyRootFilesystem is not true"),
    perContainer("k8s-resource-requests", "Containers request CPU and memory", "Kubernetes workloads (best practice)", "GK containerrequests, KY require-requests-limits", "mandatory",
        (_s, { c, kind }) => kind === "ephemeral container" ? undefined : (["cpu", "memory"].filter((r) => !c.resources?.requests?.[r]).map((r) => `no ${r} request`).join(", ") || undefined)),
    perContainer("k8s-resource-limits", "Containers set a memory limit (CPU limits are optional: they throttle)", "Kubernetes workloads (best practice)", "GK containerlimits, KY require-requests-limits", "mandatory",
        (_s, { c, kind }) => kind === "ephemeral container" || c.resources?.limits?.memory ? undefined : "no memory limit: one leak can evict its neighbours"),
    perContainer("k8s-ephemeral-storage-limit", "Containers limit ephemeral storage", "Kubernetes workloads (best practice)", "GK ephemeralstoragelimit", "advisory",
        (_s, { c, kind }) => kind === "container" && !c.resources?.limits?.["ephemeral-storage"] ? "no ephemeral-storage limit" : undefined),
    podPolicy("k8s-probes", "Long-running containers have liveness and readiness probes", "Kubernetes workloads (best practice)", "GK, KY require-probes", "mandatory", (spec, report, _c, type) => {
        if (type === T.job || type === T.cronJob) return;
        for (const c of asArray<any>(spec.containers)) {
            const missing = ["livenessProbe", "readinessProbe"].filter((p) => !c[p]);
            if (missing.length) report(`container ${c.name} has no ${missing.join(" and ")}`);
        }
    }),
    perContainer("k8s-no-latest-image", "Images carry a pinned tag or digest, never :latest or no tag", "Kubernetes workloads (best practice)", "GK disallowedtags, KY disallow-latest-tag", "mandatory",
        (_s, { c }) => {
            const image = String(c.image ?? "");
            if (image.includes("@sha256:")) return undefined;
            const last = image.split("/").pop() ?? "";
            if (!last.includes(":")) return `image ${image} has no tag (means latest): pin a version`;
            return last.endsWith(":latest") ? `image ${image} uses latest: pin a version` : undefined;
        }),
    perContainer("k8s-image-digest", "Images are pinned by digest", "Kubernetes workloads (best practice)", "KY require-image-digest", "advisory",
        (_s, { c }) => String(c.image ?? "").includes("@sha256:") ? undefined : `image ${c.image} is pinned by tag, not digest`),
    perContainer("k8s-approved-registries", "Images come from approved registries", "Kubernetes workloads (best practice)", "GK allowedrepos, KY restrict-image-registries", "mandatory",
        (_s, { c }, cfg) => (cfg.registries as string[]).some((r) => registryMatches(r, String(c.image ?? ""))) ? undefined : `image ${c.image} is not from an approved registry (${(cfg.registries as string[]).join(", ")})`,
        schema({ registries: { type: "array", items: { type: "string" }, default: ["public.ecr.aws/", "registry.k8s.io/", "quay.io/prometheus", "quay.io/prometheus-operator/", "docker.io/grafana/", "grafana/", "ghcr.io/external-secrets/", "oci.external-secrets.io/", "velero/", "docker.io/velero/", "cr.fluentbit.io/", "602401143452.dkr.ecr.", "quay.io/kiwigrid/", ".dkr.ecr.us-east-1.amazonaws.com/", "ghcr.io/example/", "docker.io/library/postgres:", "docker.io/amazon/aws-cli:"], description: "image prefixes allowed; an entry starting with a dot matches any registry host ending with it (an account's ECR)" } })),
    podPolicy("k8s-automount-token", "Pods mount a service-account token only when they call the API (automountServiceAccountToken false otherwise)", "Kubernetes workloads (best practice)", "CIS-E 4.1.6, KY restrict-automount-sa-token", "advisory", (spec, report) => {
        if (spec.automountServiceAccountToken !== false) report("automountServiceAccountToken is not false: the token is mounted even if unused");
    }),
    podPolicy("k8s-no-default-service-account", "Long-running pods (Deployments, StatefulSets, DaemonSets) run under their own service account, not \"default\"", "Kubernetes workloads (best practice)", "CIS-E 4.1.5", "mandatory", (spec, report, _c, type) => {
        if (type === T.job || type === T.cronJob) return;
        const sa = spec.serviceAccountName ?? spec.serviceAccount;
        if (!sa || sa === "default") report("the pod runs as the namespace's default service account: give it its own");
    }),
    podPolicy("k8s-job-own-service-account", "Jobs and CronJobs run under their own service account, not \"default\"", "Kubernetes workloads (best practice)", "CIS-E 4.1.5", "advisory", (spec, report, _c, type) => {
        if (type !== T.job && type !== T.cronJob) return;
        const sa = spec.serviceAccountName ?? spec.serviceAccount;
        if (!sa || sa === "default") report("the job runs as the namespace's default service account: give it its own");
    }),
    perContainer("k8s-secrets-as-files", "Secrets reach containers as mounted files, not environment variables", "Kubernetes workloads (best practice)", "CIS-E 4.4.1, CKV_K8S_35", "advisory",
        (_s, { c }) => {
            const fromSecret = asArray<any>(c.env).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
            const envFrom = asArray<any>(c.envFrom).filter((e) => e.secretRef).length;
            return fromSecret.length || envFrom ? `secrets in environment variables (${[...fromSecret, ...(envFrom ? ["envFrom secretRef"] : [])].join(", ")})` : undefined;
        }),
    podPolicy("k8s-security-context", "Pods set a pod-level securityContext", "Kubernetes workloads (best practice)", "CKV_K8S_29", "mandatory", (spec, report) => {
        if (!spec.securityContext || Object.keys(spec.securityContext).length === 0) report("no pod securityContext");
    }),
    resourcePolicy({
        name: "k8s-recommended-labels", family, enforcementLevel: "advisory",
        checks: "Workloads carry the recommended app.kubernetes.io/name and app.kubernetes.io/instance labels",
        rule: "Kubernetes workloads (best practice)", anchors: "KY require-labels",
        types: WORKLOADS,
        validate: (p, report) => {
            const labels = p.metadata?.labels ?? {};
            const missing = ["app.kubernetes.io/name", "app.kubernetes.io/instance"].filter((l) => !labels[l]);
            if (missing.length) report(`missing labels ${missing.join(", ")}`);
        },
    }),
    podPolicy("k8s-topology-spread", "Multi-replica workloads spread across zones", "Kubernetes workloads (best practice)", "KY require-topologyspreadconstraints", "advisory", (spec, report, _c, type, p) => {
        if (type !== T.deployment && type !== T.statefulSet) return;
        const spread = asArray<any>(spec.topologySpreadConstraints).some((t) => t.topologyKey === "topology.kubernetes.io/zone");
        const anti = JSON.stringify(spec.affinity?.podAntiAffinity ?? {}).includes("topology.kubernetes.io/zone");
        if ((num(p.spec?.replicas) ?? 1) > 1 && !spread && !anti) report("no topologySpreadConstraints on topology.kubernetes.io/zone: replicas may share one zone");
    }),
    podPolicy("k8s-priority-class", "Pods name a priorityClassName", "Kubernetes workloads (best practice)", "GK", "advisory", (spec, report) => {
        if (!spec.priorityClassName) report("no priorityClassName: under pressure it is evicted like any batch pod");
    }),
    resourcePolicy({
        name: "k8s-no-bare-pods", family, enforcementLevel: "mandatory",
        checks: "No bare Pods: every pod belongs to a controller that restarts it",
        rule: "Kubernetes workloads (best practice)", anchors: "KY",
        types: [T.pod],
        validate: (_p, report) => report("a bare Pod is not rescheduled when its node goes: use a Deployment or Job"),
    }),
];

/** Namespace of a Kubernetes object: its own, else its Helm release's (as `helm template --namespace` does), else default. */
export function namespaceOf(r: PolicyResource): string {
    return r.props.metadata?.namespace ?? (r.parent?.type === T.helmRelease ? r.parent.props.namespace : undefined) ?? "default";
}

function matches(selector: any, labels: Record<string, string>): boolean {
    if (!selector) return false;
    const ml = selector.matchLabels ?? {};
    if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
    for (const e of asArray<any>(selector.matchExpressions)) {
        const v = labels[e.key];
        if (e.operator === "In" && !asArray(e.values).includes(v)) return false;
        if (e.operator === "NotIn" && asArray(e.values).includes(v)) return false;
        if (e.operator === "Exists" && v === undefined) return false;
        if (e.operator === "DoesNotExist" && v !== undefined) return false;
    }
    return true;
}

const ROLLOUT = [T.deployment, T.statefulSet];

const HPAS = [T.hpa, "kubernetes:autoscaling/v1:HorizontalPodAutoscaler"];

/** The HorizontalPodAutoscaler of `w` (same namespace, scaleTargetRef naming its kind and name), if one targets it. */
function hpaOf(w: PolicyResource, resources: PolicyResource[]): PolicyResource | undefined {
    const kind = w.props.kind ?? (w.type === T.statefulSet ? "StatefulSet" : "Deployment");
    return resources.find((h) => HPAS.includes(h.type) && namespaceOf(h) === namespaceOf(w)
        && h.props.spec?.scaleTargetRef?.name === w.props.metadata?.name
        && (h.props.spec?.scaleTargetRef?.kind ?? kind) === kind);
}

/**
 * The fewest replicas `w` can run: an HPA that targets it owns the count (a chart then renders no `replicas`, and any
 * it rendered would be reset by the HPA), so its minReplicas (default 1); otherwise spec.replicas (default 1).
 */
function leastReplicas(w: PolicyResource, resources: PolicyResource[]): { count: number; source: string } {
    const hpa = hpaOf(w, resources);
    if (hpa) {
        const name = hpa.props.metadata?.name ?? hpa.name;
        const min = num(hpa.props.spec?.minReplicas);
        return { count: min ?? 1, source: min === undefined ? `its HorizontalPodAutoscaler ${name} sets no minReplicas (default 1)` : `its HorizontalPodAutoscaler ${name} keeps minReplicas ${min}` };
    }
    const replicas = num(w.props.spec?.replicas);
    return { count: replicas ?? 1, source: replicas === undefined ? "it sets no replicas (default 1) and no HorizontalPodAutoscaler targets it" : `replicas is ${replicas}` };
}

function networkPolicyCoverage(name: string, level: "mandatory" | "advisory", checks: string, kinds: string[]): PlatformPolicy {
    return stackPolicy({
        name, family, enforcementLevel: level, checks,
        rule: "Kubernetes workloads (best practice)", anchors: "KY require-netpol, CIS-E 4.3.2",
        validate: (resources, report) => {
            const netpols = resources.filter((r) => r.type === T.networkPolicy);
            for (const w of resources.filter((r) => kinds.includes(r.type))) {
                const ns = namespaceOf(w);
                const labels = podLabels(w.type, w.props);
                const covered = netpols.some((n) => namespaceOf(n) === ns && (Object.keys(n.props.spec?.podSelector ?? {}).length === 0 || matches(n.props.spec?.podSelector, labels)));
                if (!covered) report(`${w.props.kind ?? "workload"} ${ns}/${w.props.metadata?.name ?? w.name} is selected by no NetworkPolicy: any pod may reach it`, w.urn);
            }
        },
    });
}

export const workloadStackPolicies: PlatformPolicy[] = [
    stackPolicy({
        name: "k8s-not-default-namespace", family, enforcementLevel: "mandatory",
        checks: "Workloads do not run in the default namespace",
        rule: "Kubernetes workloads (best practice)", anchors: "KY disallow-default-namespace",
        validate: (resources, report) => {
            for (const w of resources.filter((r) => WORKLOADS.includes(r.type))) {
                if (namespaceOf(w) === "default") report(`${w.props.kind ?? w.type} ${w.props.metadata?.name ?? w.name} runs in the default namespace`, w.urn);
            }
        },
    }),
    stackPolicy({
        name: "k8s-min-replicas", family, enforcementLevel: "mandatory",
        checks: "Deployments and StatefulSets run at least N replicas (production 2): the minReplicas of the HorizontalPodAutoscaler that targets one, else its replicas",
        rule: "Kubernetes workloads (best practice)", anchors: "none (environment-aware)",
        config: schema({ minimum: { type: "integer", default: 2, minimum: 1, description: "fewest replicas" } }),
        validate: (resources, report, config) => {
            for (const w of resources.filter((r) => ROLLOUT.includes(r.type as any))) {
                const least = leastReplicas(w, resources);
                if (least.count < config.minimum) {
                    report(`${w.props.kind ?? "workload"} ${namespaceOf(w)}/${w.props.metadata?.name ?? w.name}: ${least.source}: this environment needs at least ${config.minimum}`, w.urn);
                }
            }
        },
    }),
    stackPolicy({
        name: "k8s-pdb-per-workload", family, enforcementLevel: "mandatory",
        checks: "Every Deployment and StatefulSet is covered by a PodDisruptionBudget that allows at least one disruption",
        rule: "Kubernetes workloads (best practice)", anchors: "KY require-pdb, GK",
        config: schema({ minimumReplicas: { type: "integer", default: 2, minimum: 1, description: "workloads with at least this many replicas need a PDB" } }),
        validate: (resources, report, config) => {
            const pdbs = resources.filter((r) => r.type === T.pdb);
            for (const w of resources.filter((r) => ROLLOUT.includes(r.type as any))) {
                const replicas = leastReplicas(w, resources).count;
                if (replicas < config.minimumReplicas) continue;
                const ns = namespaceOf(w);
                const labels = podLabels(w.type, w.props);
                const own = pdbs.filter((p) => namespaceOf(p) === ns && matches(p.props.spec?.selector, labels));
                const name = `${w.props.kind ?? "workload"} ${ns}/${w.props.metadata?.name ?? w.name}`;
                if (own.length === 0) report(`${name} has no PodDisruptionBudget: a node drain may take all replicas at once`, w.urn);
                for (const p of own) {
                    if (num(p.props.spec?.maxUnavailable) === 0 || p.props.spec?.maxUnavailable === "0%" || (num(p.props.spec?.minAvailable) ?? -1) >= replicas || p.props.spec?.minAvailable === "100%") {
                        report(`PodDisruptionBudget ${p.props.metadata?.name ?? p.name} allows no disruption of ${name}: node upgrades would hang`, p.urn);
                    }
                }
            }
        },
    }),
    networkPolicyCoverage("k8s-network-policy-per-workload", "mandatory", "Every long-running workload (Deployment, StatefulSet, DaemonSet, Pod) is selected by a NetworkPolicy of its namespace",
        WORKLOADS.filter((t) => t !== T.job && t !== T.cronJob)),
    networkPolicyCoverage("k8s-network-policy-per-job", "advisory", "Every Job and CronJob is selected by a NetworkPolicy of its namespace", [T.job, T.cronJob]),
    stackPolicy({
        name: "k8s-hpa-present", family, enforcementLevel: "advisory",
        checks: "Deployments with more than one replica have a HorizontalPodAutoscaler",
        rule: "Kubernetes workloads (best practice)", anchors: "KY",
        validate: (resources, report) => {
            for (const d of resources.filter((r) => r.type === T.deployment && (num(r.props.spec?.replicas) ?? 1) > 1)) {
                if (!hpaOf(d, resources)) report(`Deployment ${d.props.metadata?.name} has no HorizontalPodAutoscaler`, d.urn);
            }
        },
    }),
];
