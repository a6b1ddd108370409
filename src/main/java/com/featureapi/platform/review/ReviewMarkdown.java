package com.featureapi.platform.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.cost.RecommendationReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The review of a change as one Markdown document, the pull-request comment, ordered by risk:
 * <ol>
 *   <li>one line per stack: gates, data at risk (and protected resources where the deploy would stop), cost before
 *       and after (unknown, with its count of unpriced lines, when either side has one; the ceiling of a node group
 *       whose maxSize changes), the head against the stack's budget, new mandatory violations (a stack with no change
 *       is only this line);</li>
 *   <li>the gates;</li>
 *   <li>new mandatory violations, each with the config key to change and a link to its rule;</li>
 *   <li>data at risk (stateful resources deleted, replaced or unprotected);</li>
 *   <li>security cautions: changes the policies allow but a reviewer should read ({@link SecurityCautions});</li>
 *   <li>cost by tier;</li>
 *   <li>the top three savings recommendations of each changed stack ({@code cost --recommend});</li>
 *   <li>per changed stack the diagram and the details (resources, inputs, other verdicts), with objects that a chart
 *       version bump only relabels folded into one line per release.</li>
 * </ol>
 * Within a size budget the details are dropped whole, largest first; everything above them always stays.
 */
public final class ReviewMarkdown {

    /**
     * The budget of the review in a comment: GitHub refuses a comment over 65,536 characters, and the comment adds
     * a failed step's log tail, the real previews and a footer (tools/ci/review-comment.mjs keeps the total under
     * the limit). GitLab allows more; the same budget keeps one behaviour.
     */
    public static final int COMMENT_BUDGET = 50_000;

    /** Where the comment scripts find what the review knew, to tell when a later push makes risk rise. */
    public static final String STATE_MARKER = "<!-- platform-review-state ";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A gate's outcome for the document: what it checks, when it failed why, and the stacks it failed for. */
    public record Gate(String name, boolean passed, String detail, List<String> failedStacks) {
    }

    private ReviewMarkdown() {
    }

    /** The whole review, every detail kept, without links to the rules. */
    public static String render(String baseLabel, String headLabel, List<StackReview> stacks, List<Gate> gates) {
        return render(baseLabel, headLabel, stacks, gates, PolicyDocs.NONE, Integer.MAX_VALUE);
    }

    /**
     * The review within {@code maxChars}: when longer, details are replaced by a line saying what was left out,
     * largest first, until it fits (or none is left: the summary, gates, violations and data at risk always stay).
     */
    public static String render(String baseLabel, String headLabel, List<StackReview> stacks, List<Gate> gates, PolicyDocs docs, int maxChars) {
        List<Object> parts = new ArrayList<>();
        StringBuilder top = new StringBuilder();
        top.append("## Platform review: `").append(baseLabel).append("` → `").append(headLabel).append("`\n\n");
        top.append(state(stacks, gates)).append('\n');
        top.append(summaryTable(stacks, gates));
        for (Gate gate : gates) {
            top.append(gate.passed() ? "- [x] " : "- [ ] **failed:** ").append(gate.name())
                    .append(gate.detail().isEmpty() ? "" : ": " + gate.detail()).append('\n');
        }
        if (!gates.isEmpty()) {
            top.append('\n');
        }
        top.append(mandatoryViolations(stacks, docs));
        top.append(dataAtRisk(stacks));
        top.append(securityCautions(stacks));
        top.append(costByTier(stacks));
        top.append(savings(stacks));
        parts.add(top.toString());
        for (StackReview s : stacks) {
            if (unchanged(s)) {
                continue;
            }
            parts.add(stackDetails(s));
        }
        parts.add("<sub>Offline plans of both commits (`./platform review`): computed ids and ARNs are stand-ins, prices are list prices of the catalog in `src/main/resources/prices/`.</sub>\n");
        return fit(parts, maxChars);
    }

    /** A block of details the budget may drop whole. */
    private record Detail(String what, String text) {
    }

    private static List<Object> stackDetails(StackReview s) {
        PlanDiff d = s.diff();
        List<ResourceChange> shown = ChartRelabels.shown(d.changes());
        List<ResourceChange> readable = shown.stream().map(ReviewMarkdown::withoutRelabels).toList();
        List<Object> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        head.append("## Stack `").append(s.stack()).append("`\n\n").append(summaryLine(s)).append("\n\n");
        if (!s.note().isEmpty()) {
            head.append("> ").append(s.note()).append("\n\n");
        }
        ChartRelabels.foldedByRelease(d.changes(), s.head()).forEach((release, count) -> head.append("- Helm release `").append(release)
                .append("`: ").append(count).append(" object").append(count == 1 ? "" : "s")
                .append(" only relabelled by the chart version (`helm.sh/chart`, `app.kubernetes.io/version`), not listed below\n"));
        if (shown.size() < d.changes().size()) {
            head.append('\n');
        }
        head.append(DiffMarkdown.resourcesHeading(d));
        parts.add(head.toString());
        String diagram = DiagramResources.markdown(shown, s.base(), s.head());
        if (!diagram.isEmpty()) {
            parts.add(new Detail("the diagram of stack `" + s.stack() + "`", diagram + "\n"));
        }
        String table = DiffMarkdown.resourceTable(readable);
        if (!table.isEmpty()) {
            parts.add(new Detail("the resource table of stack `" + s.stack() + "`", table));
        }
        String properties = DiffMarkdown.properties(readable);
        if (!properties.isEmpty()) {
            parts.add(new Detail("the changed inputs of stack `" + s.stack() + "`", properties));
        }
        parts.add(new Detail("the policy verdicts of stack `" + s.stack() + "`", DiffMarkdown.policyVerdicts(s.diff().policyChanges()) + "\n"));
        return parts;
    }

    private static ResourceChange withoutRelabels(ResourceChange c) {
        List<PropertyChange> meaningful = ChartRelabels.meaningful(c);
        return meaningful.size() == c.properties().size() ? c
                : new ResourceChange(c.kind(), c.address(), c.type(), c.name(), c.tier(), c.stateful(), c.protectBefore(), c.protectAfter(),
                meaningful, c.cost());
    }

    /** Joins the parts, dropping details whole, largest first, until the text fits. */
    private static String fit(List<Object> parts, int maxChars) {
        List<Object> flat = new ArrayList<>();
        parts.forEach(p -> {
            if (p instanceof List<?> list) {
                flat.addAll(list);
            } else {
                flat.add(p);
            }
        });
        List<Detail> bySize = flat.stream().filter(Detail.class::isInstance).map(Detail.class::cast)
                .sorted(Comparator.comparingInt((Detail d) -> d.text().length()).reversed()).toList();
        Map<Detail, String> replaced = new LinkedHashMap<>();
        for (Detail largest : bySize) {
            if (length(flat, replaced) <= maxChars) {
                break;
            }
            replaced.put(largest, "_Left out to keep this comment within " + String.format("%,d", maxChars) + " characters: " + largest.what()
                    + " (" + String.format("%,d", largest.text().length()) + " characters). The full report has it: the run's job summary and its `review` artifact._\n\n");
        }
        StringBuilder out = new StringBuilder();
        for (Object p : flat) {
            out.append(p instanceof Detail d ? replaced.getOrDefault(d, d.text()) : (String) p);
        }
        return out.toString();
    }

    private static int length(List<Object> parts, Map<Detail, String> replaced) {
        int total = 0;
        for (Object p : parts) {
            total += (p instanceof Detail d ? replaced.getOrDefault(d, d.text()) : (String) p).length();
        }
        return total;
    }

    // --- the sections above the details -----------------------------------------------------------------------

    private static String summaryTable(List<StackReview> stacks, List<Gate> gates) {
        StringBuilder out = new StringBuilder();
        out.append("| stack | gates | data at risk | monthly cost | budget | new mandatory violations | resources |\n");
        out.append("|---|---|---:|---|---|---:|---|\n");
        for (StackReview s : stacks) {
            PlanDiff d = s.diff();
            List<String> failed = gates.stream().filter(g -> !g.passed() && g.failedStacks().contains(s.stack())).map(Gate::name).toList();
            String gateCell = gates.isEmpty() ? "–" : failed.isEmpty() ? "pass" : "**fail**: " + String.join("; ", failed);
            if (unchanged(s)) {
                out.append("| `").append(s.stack()).append("` | ").append(gateCell).append(" | 0 | ")
                        .append(CostReport.usd(d.totalCost().headUsd())).append(" | ").append(budget(d)).append(" | 0 | no change |\n");
                continue;
            }
            out.append("| [`").append(s.stack()).append("`](#").append(anchor(s.stack())).append(") | ").append(gateCell).append(" | ")
                    .append(s.dataAtRisk() > 0 ? "**" + s.dataAtRisk() + "**" : "0")
                    .append(d.deployStops().isEmpty() ? "" : ", **deploy stops: " + d.deployStops().size() + " protected**")
                    .append(" | ").append(costLine(d)).append(" | ").append(budget(d)).append(" | ")
                    .append(s.newMandatoryViolations().isEmpty() ? "0" : "**" + s.newMandatoryViolations().size() + "**").append(" | ")
                    .append(counts(d)).append(", ").append(d.count(ChangeKind.REPLACED)).append(" replaced |\n");
        }
        return out.append('\n').toString();
    }

    private static String mandatoryViolations(List<StackReview> stacks, PolicyDocs docs) {
        StringBuilder out = new StringBuilder();
        for (StackReview s : stacks) {
            for (PolicyChange p : s.newMandatoryViolations()) {
                out.append("- **").append(s.stack()).append("** [`").append(p.policy()).append("`](").append(docs.link(p.policy())).append(")");
                if (!p.resource().isEmpty()) {
                    out.append(" on `").append(shortResource(p.resource())).append('`');
                }
                out.append(": ").append(DiffMarkdown.escape(p.message()));
                out.append(PolicyConfigKeys.of(p.policy(), p.resource()).map(key -> ". **Change** `" + key + "` in `Pulumi." + s.stack() + ".yaml`")
                        .orElse(". No stack setting governs it: the program must change")).append('\n');
            }
        }
        return out.isEmpty() ? "" : "### New mandatory policy violations\n\n" + out + "\n";
    }

    private static String dataAtRisk(List<StackReview> stacks) {
        StringBuilder out = new StringBuilder();
        for (StackReview s : stacks) {
            if (!s.diff().alerts().isEmpty()) {
                out.append("**").append(s.stack()).append("**\n\n").append(DiffMarkdown.alerts(s.diff()));
            }
        }
        return out.isEmpty() ? "" : "### Data at risk\n\n" + out;
    }

    /** Security-relevant changes that no policy needs to catch (SecurityCautions), per stack. */
    private static String securityCautions(List<StackReview> stacks) {
        StringBuilder out = new StringBuilder();
        for (StackReview s : stacks) {
            String cautions = SecurityCautions.markdown(SecurityCautions.between(s.base(), s.head()));
            if (!cautions.isEmpty()) {
                out.append("**").append(s.stack()).append("**\n\n").append(cautions).append('\n');
            }
        }
        return out.isEmpty() ? "" : "### Security cautions\n\n" + out;
    }

    private static String costByTier(List<StackReview> stacks) {
        StringBuilder out = new StringBuilder();
        for (StackReview s : stacks) {
            if (!unchanged(s)) {
                out.append("#### `").append(s.stack()).append("`\n\n").append(DiffMarkdown.cost(s.diff()));
            }
        }
        return out.isEmpty() ? "" : "### Monthly cost by tier\n\n" + out;
    }

    /** How many savings recommendations of a stack the review shows (all of them: {@code cost --recommend}). */
    static final int TOP_SAVINGS = 3;

    /** The largest savings of each stack the change touches, so a reviewer sees what the stack could cost instead. */
    private static String savings(List<StackReview> stacks) {
        StringBuilder out = new StringBuilder();
        for (StackReview s : stacks) {
            if (!unchanged(s) && !s.savings().isEmpty()) {
                out.append("#### `").append(s.stack()).append("`\n\n")
                        .append(RecommendationReport.table(s.savings().subList(0, Math.min(TOP_SAVINGS, s.savings().size()))))
                        .append("\n").append(s.savings().size()).append(" in all, with how each figure is computed: `./platform cost --plan out/")
                        .append(s.stack()).append("/plan.json --recommend`\n\n");
            }
        }
        return out.isEmpty() ? "" : "### Savings: the top three\n\n" + out;
    }

    /** What the comment scripts compare between pushes: the gates that fail and the data at risk, as an HTML comment. */
    private static String state(List<StackReview> stacks, List<Gate> gates) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("failedGates", gates.stream().filter(g -> !g.passed()).map(Gate::name).toList());
        List<String> atRisk = new ArrayList<>();
        stacks.forEach(s -> s.diff().alerts().forEach(a -> atRisk.add(s.stack() + ": " + a.message())));
        state.put("dataAtRisk", atRisk);
        try {
            return STATE_MARKER + JSON.writeValueAsString(state).replace("--", "- -") + " -->\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** No resource, verdict or note: the stack is one line of the summary. */
    static boolean unchanged(StackReview s) {
        return s.diff().changes().isEmpty() && s.diff().policyChanges().isEmpty() && s.note().isEmpty();
    }

    /** The stack's one line: what changes, what it costs, what it breaks. */
    public static String summaryLine(StackReview s) {
        PlanDiff d = s.diff();
        int mandatory = s.newMandatoryViolations().size();
        return "**" + s.stack() + ":** " + counts(d) + ", " + d.count(ChangeKind.REPLACED) + " replaced; monthly cost "
                + DiffMarkdown.signed(d.totalCost()) + " (" + CostReport.usd(d.totalCost().baseUsd()) + " → "
                + CostReport.usd(d.totalCost().headUsd()) + "); "
                + (mandatory == 0 ? "no new mandatory violation" : mandatory + " new mandatory violation" + (mandatory == 1 ? "" : "s"))
                + (s.dataAtRisk() > 0 ? "; **" + s.dataAtRisk() + " stateful resource" + (s.dataAtRisk() == 1 ? "" : "s") + " at risk**" : "")
                + d.deployStops().stream().map(c -> "; **the deploy will stop here: `" + c.name() + "` is protected**").reduce("", String::concat)
                + (d.headCost().budgetUsd().isPresent() ? "; budget " + budget(d) : "");
    }

    /** The head's fixed monthly cost against the stack's budget ({@code platform:cost.monthlyBudgetUsd}). */
    static String budget(PlanDiff d) {
        var head = d.headCost();
        if (head.budgetUsd().isEmpty()) {
            return "none set";
        }
        String budget = CostReport.usd(head.budgetUsd().get());
        return switch (head.budgetVerdict()) {
            case "over" -> budget + ": **over** by " + CostReport.usd(com.featureapi.platform.cost.CostEstimate.cents(head.fixedUsd())
                    .subtract(head.budgetUsd().get()));
            case "unknown" -> budget + ": **unknown** (" + CostReport.unpricedLines(head.unpricedLines()) + ")";
            default -> budget + ": within";
        };
    }

    static String counts(PlanDiff d) {
        return "+" + d.count(ChangeKind.ADDED) + " ~" + d.count(ChangeKind.CHANGED) + " -" + d.count(ChangeKind.REMOVED);
    }

    private static String costLine(PlanDiff d) {
        CostDelta total = d.totalCost();
        return DiffMarkdown.before(total) + " → " + DiffMarkdown.after(total) + " (" + (total.known() ? DiffMarkdown.signed(total)
                : "**unknown**, " + CostReport.unpricedLines(total.unpriced()))
                + d.ceilings().stream().filter(c -> c.atMax().changed()).map(c -> "; ceiling of " + c.name() + " "
                        + (c.atMax().known() ? (c.atMax().deltaUsd().signum() > 0 ? "+" : "") + CostReport.usd(c.atMax().deltaUsd()) : "unknown")
                        + " at " + c.bound()).reduce("", String::concat) + ")";
    }

    /** {@code type name} of an address, without the parents' types that make long addresses unreadable. */
    static String shortResource(String address) {
        int names = address.lastIndexOf("::");
        String types = names < 0 ? address : address.substring(0, names);
        String type = types.substring(types.lastIndexOf('$') + 1);
        return names < 0 ? address : type + " " + address.substring(names + 2);
    }

    /** GitHub's anchor of the heading "Stack `NAME`". */
    static String anchor(String stack) {
        return "stack-" + stack.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }
}
