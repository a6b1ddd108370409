package com.featureapi.platform.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Mermaid flowchart of the resources a change touches: one subgraph per tier, an arrow from each
 * changed resource to each changed resource that waits for it, the kind of change as marker and colour,
 * stateful resources at risk with a thick border. GitHub and GitLab render it in comments.
 *
 * <p>Every label is escaped with Mermaid's entity codes, and node ids are generated ({@code r0}, {@code r1}
 * ...), so no resource name or type can break the diagram. A large change is cut at {@link #MAX_NODES}
 * resources (at-risk ones first); the diagram says how many it leaves out.
 */
public final class MermaidDiagram {

    /** Beyond this, a diagram stops being readable in a comment (and GitHub's renderer slows down). */
    public static final int MAX_NODES = 80;

    private MermaidDiagram() {
    }

    /** The diagram text (without the Markdown fence); an empty string when nothing changed. */
    public static String render(List<DiagramResource> changed) {
        if (changed.isEmpty()) {
            return "";
        }
        List<DiagramResource> shown = changed.stream()
                .sorted(Comparator.comparing((DiagramResource r) -> !r.atRisk()).thenComparing(DiagramResource::urn))
                .limit(MAX_NODES)
                .sorted(Comparator.comparing(DiagramResource::tier).thenComparing(DiagramResource::urn))
                .toList();
        Map<String, String> ids = new LinkedHashMap<>();
        for (DiagramResource r : shown) {
            ids.putIfAbsent(r.urn(), "r" + ids.size());
        }
        Map<String, List<DiagramResource>> byTier = new TreeMap<>();
        shown.forEach(r -> byTier.computeIfAbsent(r.tier(), t -> new ArrayList<>()).add(r));

        StringBuilder out = new StringBuilder("flowchart LR\n");
        Map<String, Integer> tierIds = new HashMap<>();
        for (Map.Entry<String, List<DiagramResource>> tier : byTier.entrySet()) {
            String tierId = "tier" + tierIds.computeIfAbsent(tier.getKey(), t -> tierIds.size());
            out.append("  subgraph ").append(tierId).append("[\"").append(escape(tier.getKey())).append("\"]\n");
            for (DiagramResource r : tier.getValue()) {
                out.append("    ").append(ids.get(r.urn())).append("[\"").append(label(r)).append("\"]:::")
                        .append(r.atRisk() ? "atrisk" : styleOf(r.change())).append('\n');
            }
            out.append("  end\n");
        }
        // dependency --> dependent: the arrow points the way Pulumi creates them.
        TreeSet<String> edges = new TreeSet<>(Comparator.comparing((String e) -> Integer.parseInt(e.substring(1, e.indexOf(' '))))
                .thenComparing(e -> e));
        for (DiagramResource r : shown) {
            for (String dependency : r.dependencies()) {
                String from = ids.get(dependency);
                if (from != null && !dependency.equals(r.urn())) {
                    edges.add(from + " --> " + ids.get(r.urn()));
                }
            }
        }
        edges.forEach(e -> out.append("  ").append(e).append('\n'));
        out.append("  classDef create fill:#dafbe1,stroke:#1a7f37,color:#0f5323\n");
        out.append("  classDef update fill:#fff8c5,stroke:#9a6700,color:#4d2d00\n");
        out.append("  classDef replace fill:#ffe7d1,stroke:#bc4c00,color:#5c2200\n");
        out.append("  classDef delete fill:#ffebe9,stroke:#cf222e,color:#82071e\n");
        out.append("  classDef atrisk fill:#ffebe9,stroke:#cf222e,stroke-width:4px,color:#82071e\n");
        if (changed.size() > shown.size()) {
            int left = changed.size() - shown.size();
            out.append("  more[\"").append(escape("... and " + left + " more changed resources (see the table)")).append("\"]\n");
        }
        return out.toString();
    }

    /** The Markdown block, fenced, or an empty string when nothing changed. */
    public static String markdown(List<DiagramResource> changed) {
        String diagram = render(changed);
        return diagram.isEmpty() ? "" : "```mermaid\n" + diagram + "```\n";
    }

    /** The marker `pulumi preview` uses for the change. */
    static String marker(ChangeKind kind) {
        return switch (kind) {
            case ADDED -> "+";
            case CHANGED -> "~";
            case REPLACED -> "+-";
            case REMOVED -> "-";
        };
    }

    private static String styleOf(ChangeKind kind) {
        return switch (kind) {
            case ADDED -> "create";
            case CHANGED -> "update";
            case REPLACED -> "replace";
            case REMOVED -> "delete";
        };
    }

    static String label(DiagramResource r) {
        String marker = r.atRisk() ? marker(r.change()) + " DATA AT RISK" : marker(r.change());
        return escape(marker + " " + r.name()) + "<br/><small>" + escape(shortType(r.type())) + "</small>";
    }

    /** {@code aws:rds/instance:Instance} -> {@code rds.Instance}; {@code kubernetes:apps/v1:Deployment} -> {@code apps/v1.Deployment}. */
    static String shortType(String type) {
        String[] parts = type.split(":");
        if (parts.length != 3) {
            return type;
        }
        String module = parts[1];
        int slash = module.lastIndexOf('/');
        if (parts[0].equals("aws") && slash > 0) {
            module = module.substring(0, slash);
        }
        return module.equals("index") ? parts[2] : module + "." + parts[2];
    }

    /**
     * Mermaid's entity codes for every character that could end a quoted label or be read as markup
     * ({@code #} first, since the codes themselves start with it).
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '#' -> out.append("#35;");
                case '"' -> out.append("#quot;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '&' -> out.append("#amp;");
                case '`' -> out.append("#96;");
                case '[', ']', '{', '}', '(', ')', '|', ';' -> out.append("#").append((int) c).append(';');
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
