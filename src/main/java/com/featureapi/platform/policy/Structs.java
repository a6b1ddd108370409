package com.featureapi.platform.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON (Jackson) to and from protobuf Struct: how resource inputs and policy config travel over gRPC. */
final class Structs {

    private Structs() {
    }

    static Struct struct(JsonNode object) {
        Struct.Builder builder = Struct.newBuilder();
        if (object != null && object.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                builder.putFields(field.getKey(), value(field.getValue()));
            }
        }
        return builder.build();
    }

    /** Plain Java values of a plan (maps, lists, strings, numbers, booleans, null) as a Struct. */
    static Struct struct(Map<String, ?> object) {
        Struct.Builder builder = Struct.newBuilder();
        object.forEach((key, value) -> builder.putFields(key, value(value)));
        return builder.build();
    }

    static Value value(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (value instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (value instanceof Map<?, ?> map) {
            Struct.Builder builder = Struct.newBuilder();
            map.forEach((k, v) -> builder.putFields(String.valueOf(k), value(v)));
            return Value.newBuilder().setStructValue(builder).build();
        }
        if (value instanceof List<?> list) {
            ListValue.Builder items = ListValue.newBuilder();
            list.forEach(item -> items.addValues(value(item)));
            return Value.newBuilder().setListValue(items).build();
        }
        if (value instanceof JsonNode node) {
            return value(node);
        }
        return Value.newBuilder().setStringValue(value.toString()).build();
    }

    static Value value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (node.isBoolean()) {
            return Value.newBuilder().setBoolValue(node.booleanValue()).build();
        }
        if (node.isNumber()) {
            return Value.newBuilder().setNumberValue(node.doubleValue()).build();
        }
        if (node.isTextual()) {
            return Value.newBuilder().setStringValue(node.textValue()).build();
        }
        if (node.isArray()) {
            ListValue.Builder list = ListValue.newBuilder();
            node.forEach(item -> list.addValues(value(item)));
            return Value.newBuilder().setListValue(list).build();
        }
        return Value.newBuilder().setStructValue(struct(node)).build();
    }

    static JsonNode json(Value value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value.getKindCase()) {
            case BOOL_VALUE -> f.booleanNode(value.getBoolValue());
            case NUMBER_VALUE -> value.getNumberValue() == Math.rint(value.getNumberValue()) && Math.abs(value.getNumberValue()) < 1e15
                    ? f.numberNode((long) value.getNumberValue()) : f.numberNode(value.getNumberValue());
            case STRING_VALUE -> f.textNode(value.getStringValue());
            case LIST_VALUE -> {
                ArrayNode array = f.arrayNode();
                value.getListValue().getValuesList().forEach(v -> array.add(json(v)));
                yield array;
            }
            case STRUCT_VALUE -> json(value.getStructValue());
            default -> f.nullNode();
        };
    }

    static ObjectNode json(Struct struct) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        struct.getFieldsMap().forEach((k, v) -> object.set(k, json(v)));
        return object;
    }
}
