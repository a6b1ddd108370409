import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the AWS Spot Instance Advisor's feed ({@code https://spot-bid-advisor.s3.amazonaws.com/spot-advisor-data.json},
 * the data behind https://aws.amazon.com/ec2/spot/instance-advisor/) into the catalog's spot files,
 * {@code src/main/resources/prices/spot-<region>.json}: per Linux instance type, the Advisor's "savings over
 * On-Demand" in percent ({@code s}), its frequency-of-interruption band ({@code r}, 0 = under 5% ... 4 = over 20%) and
 * the type's vCPUs (the feed's {@code instance_types.<type>.cores}), which a NodePool's CPU limit is counted in.
 * The Advisor publishes an average over the last 30 days, not a price: the cost model treats the figure as an
 * estimate and marks every line resting on it. Run with the project's Jackson on the class path (README,
 * "Refreshing prices"):
 *
 * <pre>
 * java -cp JACKSON_JARS scripts/RefreshSpotSavings.java spot-advisor-data.json "SOURCE" DATE OUT_DIR
 * </pre>
 */
public final class RefreshSpotSavings {

    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java -cp JACKSON scripts/RefreshSpotSavings.java spot-advisor-data.json SOURCE DATE OUT_DIR");
            System.exit(2);
        }
        JsonNode feed = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        String source = args[1];
        String date = args[2];
        Path outDir = Path.of(args[3]);
        JsonNode bands = feed.path("ranges");
        for (String region : REGIONS) {
            JsonNode linux = feed.path("spot_advisor").path(region).path("Linux");
            if (linux.size() < 100) {
                throw new IllegalStateException("the feed has no Linux figures for " + region + "; has its format changed?");
            }
            Map<String, int[]> types = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = linux.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int vcpus = feed.path("instance_types").path(e.getKey()).path("cores").asInt(0);
                types.put(e.getKey(), new int[] {e.getValue().path("s").asInt(), e.getValue().path("r").asInt(), vcpus});
            }
            write(outDir.resolve("spot-" + region + ".json"), region, types, bands, source, date);
            System.err.println("wrote " + types.size() + " instance types of " + region + " to " + outDir);
        }
    }

    private static void write(Path file, String region, Map<String, int[]> types, JsonNode bands, String source, String date)
            throws IOException {
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"region\": \"").append(region).append("\",\n");
        json.append("  \"what\": \"AWS Spot Instance Advisor, Linux: savings over On-Demand (percent, average of the last 30 days) and frequency-of-interruption band per instance type; vcpus from the feed's instance_types (cores)\",\n");
        json.append("  \"source\": \"").append(source.replace("\"", "'")).append("\",\n");
        json.append("  \"date\": \"").append(date).append("\",\n");
        json.append("  \"confidence\": \"estimate\",\n");
        json.append("  \"refresh\": \"java -cp <jackson jars> scripts/RefreshSpotSavings.java <spot-advisor-data.json> <source> <date> src/main/resources/prices (README: Refreshing prices)\",\n");
        json.append("  \"interruptionBands\": [");
        for (int i = 0; i < bands.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(bands.get(i).path("label").asText()).append('"');
        }
        json.append("],\n");
        json.append("  \"types\": {\n");
        int i = 0;
        for (Map.Entry<String, int[]> entry : types.entrySet()) {
            json.append("    \"").append(entry.getKey()).append("\": { \"savingsPercent\": ").append(entry.getValue()[0])
                    .append(", \"interruptionBand\": ").append(entry.getValue()[1])
                    .append(", \"vcpus\": ").append(entry.getValue()[2]).append(" }");
            json.append(++i < types.size() ? ",\n" : "\n");
        }
        json.append("  }\n}\n");
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    }
}
