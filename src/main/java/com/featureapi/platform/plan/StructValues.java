package com.featureapi.platform.plan;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the protobuf values of a registration into plain Java values for {@code plan.json}, replacing the
 * SDK's special objects: secrets become {@code "[secret]"} (never their content), unknown values
 * {@code "[unknown]"}, and resource references their URN.
 */
final class StructValues {

    static final String SECRET = "[secret]";
    static final String UNKNOWN = "[unknown]";

    /** Signature key and values of the Pulumi wire format (sdk/proto, "special signatures"). */
    private static final String SIG = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    private static final String UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private StructValues() {
    }

    static SortedMap<String, Object> toMap(Struct struct) {
        SortedMap<String, Object> result = new TreeMap<>();
        struct.getFieldsMap().forEach((key, value) -> result.put(key, toJava(value)));
        return result;
    }

    static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRING_VALUE -> UNKNOWN_VALUE.equals(value.getStringValue()) ? UNKNOWN : masked(value.getStringValue());
            case LIST_VALUE -> list(value.getListValue());
            case STRUCT_VALUE -> struct(value.getStructValue());
        };
    }

    /**
     * A string as the plan may show it: {@code "[secret]"} when it carries the stand-in of an encrypted
     * config value, which a program that reads a secret key without {@code requireSecret} passes on as
     * plain text (a real deployment would pass the decrypted secret there, unmarked).
     */
    static String masked(String text) {
        return text.contains(StackFile.SECRET_PLACEHOLDER) ? SECRET : text;
    }

    /** {@link #masked} applied to every string inside plain Java values (maps, lists) of a stack output. */
    static Object maskedDeep(Object value) {
        if (value instanceof String text) {
            return masked(text);
        }
        if (value instanceof Map<?, ?> map) {
            SortedMap<String, Object> result = new TreeMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), maskedDeep(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(item -> result.add(maskedDeep(item)));
            return result;
        }
        return value;
    }

    private static Object struct(Struct struct) {
        Map<String, Value> fields = struct.getFieldsMap();
        Value sig = fields.get(SIG);
        if (sig != null && sig.hasStringValue()) {
            if (SECRET_SIG.equals(sig.getStringValue())) {
                return SECRET;
            }
            if (RESOURCE_SIG.equals(sig.getStringValue()) && fields.containsKey("urn")) {
                return Urns.real(fields.get("urn").getStringValue());
            }
        }
        return toMap(struct);
    }

    private static List<Object> list(ListValue list) {
        List<Object> result = new ArrayList<>(list.getValuesCount());
        for (Value item : list.getValuesList()) {
            result.add(toJava(item));
        }
        return result;
    }

    /** Protobuf carries every number as a double; whole numbers print as integers. */
    private static Object number(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1L << 53) {
            return (long) number;
        }
        return number;
    }
}
