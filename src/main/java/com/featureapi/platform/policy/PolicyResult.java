package com.featureapi.platform.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of every pack on one stack, sorted (mandatory first, then by policy, resource and
 * message) so that reports and plan.json do not depend on the order the analyzer answered in.
 *
 * @param packs    per pack: its name, version, folder and the config file used (paths as given)
 * @param verdicts every violation
 */
public record PolicyResult(List<Pack> packs, List<Verdict> verdicts) {

    public record Pack(String name, String version, String path, String config, int policies) {
    }

    static final Comparator<Verdict> ORDER = Comparator.comparing((Verdict v) -> !v.mandatory())
            .thenComparing(Verdict::policyPack).thenComparing(Verdict::policy).thenComparing(Verdict::urn).thenComparing(Verdict::message);

    public PolicyResult {
        packs = List.copyOf(packs);
        List<Verdict> sorted = new ArrayList<>(verdicts);
        sorted.sort(ORDER);
        verdicts = List.copyOf(sorted);
    }

    public long mandatory() {
        return verdicts.stream().filter(Verdict::mandatory).count();
    }

    public long advisory() {
        return verdicts.size() - mandatory();
    }

    /** The {@code policies} section of plan.json (docs/plan-schema.md). */
    public Map<String, Object> toJson() {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("packs", packs.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("version", p.version());
            m.put("path", p.path());
            m.put("config", p.config());
            m.put("policies", p.policies());
            return m;
        }).toList());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mandatory", mandatory());
        summary.put("advisory", advisory());
        section.put("summary", summary);
        section.put("violations", verdicts.stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policyPack", v.policyPack());
            m.put("policyPackVersion", v.policyPackVersion());
            m.put("policy", v.policy());
            m.put("enforcementLevel", v.enforcementLevel());
            m.put("urn", v.urn());
            m.put("message", v.message());
            return m;
        }).toList());
        return section;
    }
}
