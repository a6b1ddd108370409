import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Converts vantage-sh/ec2instances.info's {@code www/rds/instances.json} and {@code www/cache/instances.json}
 * (tables that the site generated from the AWS Price List, AmazonRDS and AmazonElastiCache) into the database
 * and cache price files of the catalog, {@code src/main/resources/prices/rds-<region>.json} and
 * {@code elasticache-<region>.json}, for every region that has a {@code <region>.json}. Run with Java 17's
 * single-file launcher and the project's own Jackson (README, "Refreshing prices"):
 *
 * <pre>
 * java -cp "$(cat target/refresh.classpath)" scripts/RefreshDatabasePrices.java \
 *     RDS_JSON CACHE_JSON RDS_SHA@DATE CACHE_SHA@DATE OUT_DIR
 * </pre>
 *
 * What it keeps, and why:
 * <ul>
 *   <li>RDS: the on-demand Single-AZ price of engine code 14 (PostgreSQL) of every class that AWS documents for
 *   RDS for PostgreSQL (the list {@code offered.rdsInstanceClasses} of {@code <region>.json}). Multi-AZ is written
 *   as twice that: RDS bills the primary and the standby per DB-instance-hour (RDS User Guide, "On-Demand DB
 *   instances"); the source table holds Single-AZ rows only.</li>
 *   <li>ElastiCache, Redis OSS, reserved: the one-year no-upfront rate (yrTerm1Standard.noUpfront) of each
 *   priced node type, for {@code platform cost --recommend}; the RDS table of that time holds reserved rates for
 *   Aurora only, so RDS for PostgreSQL has none.</li>
 *   <li>ElastiCache, Redis OSS: the table mixes, for some families (m5, r5 in the 2022 table), figures of another
 *   product into the on-demand column (cache.r5.large reads 0.09 in us-east-1 and 0.216 in us-west-2). AWS prices
 *   the node types of one family in proportion to their size, so a figure is kept only when its price per size
 *   unit is within {@link #TOLERANCE} of the family's rate: the rate of the figure already in {@code <region>.json}
 *   (the reference's, kept by hand) when there is one, else the rate that every member of the family shows. A
 *   node type that fails is left out and so refused by config, never priced with a guess.</li>
 * </ul>
 * The files only hold numbers read from the tables (nothing else of that repository is copied).
 */
public final class RefreshDatabasePrices {

    /** Relative difference allowed between a node's price per size unit and its family's (AWS rounds to 0.001). */
    static final BigDecimal TOLERANCE = new BigDecimal("0.02");
    private static final String POSTGRES_ENGINE_CODE = "14";
    /** A one-year no-upfront reserved rate is kept only between these shares of the on-demand price. */
    static final BigDecimal RESERVED_BAND_LOW = new BigDecimal("0.55");
    static final BigDecimal RESERVED_BAND_HIGH = new BigDecimal("0.80");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: java -cp CLASSPATH scripts/RefreshDatabasePrices.java RDS_JSON CACHE_JSON RDS_SHA@DATE CACHE_SHA@DATE OUT_DIR");
            System.exit(2);
        }
        JsonNode rds = JSON.readTree(Path.of(args[0]).toFile());
        JsonNode cache = JSON.readTree(Path.of(args[1]).toFile());
        String rdsCommit = args[2];
        String cacheCommit = args[3];
        Path out = Path.of(args[4]);
        commitDate(rdsCommit);
        commitDate(cacheCommit);
        List<Path> regionFiles = new ArrayList<>();
        try (var files = Files.list(out)) {
            files.filter(f -> f.getFileName().toString().matches("[a-z]{2}-[a-z]+-\\d\\.json")).sorted().forEach(regionFiles::add);
        }
        for (Path regionFile : regionFiles) {
            JsonNode main = JSON.readTree(regionFile.toFile());
            String region = main.path("region").asText();
            writeRds(out, region, main, rds, rdsCommit);
            writeCache(out, region, main, cache, cacheCommit);
        }
    }

    private static void writeRds(Path out, String region, JsonNode main, JsonNode table, String commit) throws IOException {
        Set<String> supported = strings(main.path("offered").path("rdsInstanceClasses").path("types"));
        Map<String, BigDecimal> singleAz = new TreeMap<>();
        for (JsonNode row : table) {
            String type = row.path("instance_type").asText();
            JsonNode price = row.path("pricing").path(region).path(POSTGRES_ENGINE_CODE).path("ondemand");
            if (supported.contains(type) && price.isNumber() && price.decimalValue().signum() > 0) {
                singleAz.put(type, price.decimalValue());
            }
        }
        ObjectNode file = header(region, "AmazonRDS", "vantage-sh/ec2instances.info www/rds/instances.json at commit " + sha(commit)
                + " (the site's table generated from the AWS Price List, AmazonRDS: on-demand, Single-AZ, engine code 14 = PostgreSQL)", commit);
        file.put("engine", "PostgreSQL");
        file.put("unit", "hour");
        file.put("multiAz", "2 x Single-AZ: RDS bills the primary and the standby per DB-instance-hour (RDS User Guide, On-Demand DB instances)");
        ObjectNode prices = file.putObject("prices");
        singleAz.forEach((type, price) -> {
            ObjectNode entry = prices.putObject(type);
            entry.put("singleAz", price);
            entry.put("multiAz", price.multiply(BigDecimal.valueOf(2)).stripTrailingZeros());
        });
        List<String> unpriced = new ArrayList<>(supported);
        unpriced.removeAll(singleAz.keySet());
        file.set("notPriced", JSON.valueToTree(unpriced));
        write(out.resolve("rds-" + region + ".json"), file);
        System.err.println(region + ": " + singleAz.size() + " RDS for PostgreSQL classes priced, " + unpriced.size() + " supported but not in the table");
    }

    private static void writeCache(Path out, String region, JsonNode main, JsonNode table, String commit) throws IOException {
        Set<String> supported = strings(main.path("offered").path("elastiCacheNodeTypes").path("types"));
        Map<String, BigDecimal> handKept = new TreeMap<>();
        main.path("prices").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("elasticache.redis.")) {
                handKept.put(e.getKey().substring("elasticache.redis.".length()), e.getValue().path("price").decimalValue());
            }
        });
        Map<String, BigDecimal> figures = new TreeMap<>();
        for (JsonNode row : table) {
            String type = row.path("instance_type").asText();
            JsonNode price = row.path("pricing").path(region).path("Redis").path("ondemand");
            if (supported.contains(type) && price.isNumber() && price.decimalValue().signum() > 0) {
                figures.put(type, price.decimalValue());
            }
        }
        Map<String, List<String>> families = new TreeMap<>();
        figures.keySet().forEach(t -> families.computeIfAbsent(family(t), f -> new ArrayList<>()).add(t));
        Map<String, BigDecimal> kept = new TreeMap<>();
        Map<String, String> leftOut = new TreeMap<>();
        for (Map.Entry<String, List<String>> family : families.entrySet()) {
            BigDecimal anchor = handKept.entrySet().stream().filter(e -> family(e.getKey()).equals(family.getKey()))
                    .map(e -> perUnit(e.getKey(), e.getValue())).findFirst().orElse(null);
            for (String type : family.getValue()) {
                BigDecimal rate = perUnit(type, figures.get(type));
                boolean fits = anchor != null ? close(rate, anchor)
                        : family.getValue().stream().allMatch(o -> close(rate, perUnit(o, figures.get(o))));
                if (handKept.containsKey(type)) {
                    continue; // the hand-kept figure stays; it is the family's anchor
                }
                if (fits) {
                    kept.put(type, figures.get(type));
                } else {
                    leftOut.put(type, figures.get(type).toPlainString() + " does not fit the family's rate per size unit"
                            + (anchor != null ? " (" + anchor.toPlainString() + ", from the hand-kept figure)" : " (its members disagree)"));
                }
            }
        }
        ObjectNode file = header(region, "AmazonElastiCache", "vantage-sh/ec2instances.info www/cache/instances.json at commit " + sha(commit)
                + " (the site's table generated from the AWS Price List, AmazonElastiCache: on-demand, Redis)", commit);
        file.put("engine", "Redis OSS");
        file.put("unit", "node-hour");
        file.put("check", "kept only when the price per size unit is within " + TOLERANCE.movePointRight(2).toPlainString()
                + "% of the family's rate (the hand-kept figure's in <region>.json, else every member's): the table mixes another product's figures into some families");
        ObjectNode prices = file.putObject("prices");
        kept.forEach(prices::put);
        file.set("leftOut", JSON.valueToTree(leftOut));
        Set<String> unpriced = new TreeSet<>(supported);
        unpriced.removeAll(kept.keySet());
        unpriced.removeAll(handKept.keySet());
        unpriced.removeAll(leftOut.keySet());
        file.set("notInTheTable", JSON.valueToTree(unpriced));
        Map<String, BigDecimal> onDemand = new TreeMap<>(kept);
        onDemand.putAll(handKept);
        Map<String, BigDecimal> reserved = reserved(table, region, onDemand);
        file.put("reservedNote", "reserved1yNoUpfront: the same table's Redis column 'reserved', yrTerm1Standard.noUpfront (a one-year"
                + " reserved node, no upfront payment, billed per hour), for the node types priced above; kept only between "
                + RESERVED_BAND_LOW.toPlainString() + " and " + RESERVED_BAND_HIGH.toPlainString()
                + " of the on-demand figure (AWS's one-year no-upfront discounts lie in that band), so no figure of another product slips in");
        ObjectNode reservedPrices = file.putObject("reserved1yNoUpfront");
        reserved.forEach(reservedPrices::put);
        write(out.resolve("elasticache-" + region + ".json"), file);
        System.err.println(region + ": " + kept.size() + " ElastiCache node types priced from the table, " + handKept.size()
                + " kept by hand, " + leftOut.size() + " left out: " + leftOut.keySet());
    }

    /** The one-year no-upfront reserved rate of every priced node type whose figure sits in the band below its on-demand price. */
    private static Map<String, BigDecimal> reserved(JsonNode table, String region, Map<String, BigDecimal> onDemand) {
        Map<String, BigDecimal> reserved = new TreeMap<>();
        for (JsonNode row : table) {
            String type = row.path("instance_type").asText();
            JsonNode rate = row.path("pricing").path(region).path("Redis").path("reserved").path("yrTerm1Standard.noUpfront");
            BigDecimal price = onDemand.get(type);
            if (price == null || !rate.isNumber()) {
                continue;
            }
            BigDecimal ratio = rate.decimalValue().divide(price, MathContext.DECIMAL64);
            if (ratio.compareTo(RESERVED_BAND_LOW) >= 0 && ratio.compareTo(RESERVED_BAND_HIGH) <= 0) {
                reserved.put(type, rate.decimalValue());
            }
        }
        return reserved;
    }

    private static ObjectNode header(String region, String service, String source, String commit) {
        ObjectNode file = JSON.createObjectNode();
        file.put("region", region);
        file.put("service", service);
        file.put("currency", "USD");
        file.put("source", source);
        file.put("date", commitDate(commit));
        file.put("confidence", "confirmed");
        file.put("refresh", "scripts/RefreshDatabasePrices.java (README: Refreshing prices)");
        return file;
    }

    /** The commit's date, given as {@code <sha>@<yyyy-mm-dd>} by the caller (the script reads no git). */
    private static String commitDate(String commit) {
        int at = commit.indexOf('@');
        if (at < 0 || !commit.substring(at + 1).matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("give the commit as <sha>@<yyyy-mm-dd> (git log -1 --format=%H@%cs -- FILE), not " + commit);
        }
        return commit.substring(at + 1);
    }

    private static String sha(String commit) {
        return commit.substring(0, commit.indexOf('@'));
    }

    static String family(String nodeType) {
        return nodeType.substring(0, nodeType.lastIndexOf('.'));
    }

    /** Size in units of a {@code large}: micro 1/8, small 1/4, medium 1/2, large 1, xlarge 2, Nxlarge 2N. */
    static BigDecimal size(String nodeType) {
        String size = nodeType.substring(nodeType.lastIndexOf('.') + 1);
        return switch (size) {
            case "micro" -> new BigDecimal("0.125");
            case "small" -> new BigDecimal("0.25");
            case "medium" -> new BigDecimal("0.5");
            case "large" -> BigDecimal.ONE;
            case "xlarge" -> BigDecimal.valueOf(2);
            default -> BigDecimal.valueOf(2L * Integer.parseInt(size.substring(0, size.length() - "xlarge".length())));
        };
    }

    private static BigDecimal perUnit(String type, BigDecimal price) {
        return price.divide(size(type), MathContext.DECIMAL64);
    }

    private static boolean close(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(b.multiply(TOLERANCE)) <= 0;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> result = new TreeSet<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    private static void write(Path file, JsonNode content) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(content) + "\n");
    }
}
