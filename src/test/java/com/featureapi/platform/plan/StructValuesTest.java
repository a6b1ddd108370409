package com.featureapi.platform.plan;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The protobuf values of a registration as plan.json shows them (the Pulumi wire format's special objects included). */
class StructValuesTest {

    private static final String SIG = "4dabf18193072939515e22adb298388d";

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Value number(double d) {
        return Value.newBuilder().setNumberValue(d).build();
    }

    private static Value struct(Map<String, Value> fields) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build();
    }

    @Test
    void wholeNumbersAreIntegersAndOthersStayFractions() {
        assertThat(StructValues.toJava(number(3))).isEqualTo(3L);
        assertThat(StructValues.toJava(number(-3))).isEqualTo(-3L);
        assertThat(StructValues.toJava(number(0))).isEqualTo(0L);
        assertThat(StructValues.toJava(number(2.5))).isEqualTo(2.5);
        // 2^53 - 1 is the largest whole number a double holds exactly; from 2^53 on, a double is kept as it is.
        assertThat(StructValues.toJava(number(9007199254740991d))).isEqualTo(9007199254740991L);
        assertThat(StructValues.toJava(number(9007199254740992d))).isEqualTo(9007199254740992d);
        assertThat(StructValues.toJava(number(-9007199254740992d))).isEqualTo(-9007199254740992d);
    }

    @Test
    void scalarsNullsAndListsKeepTheirValues() {
        assertThat(StructValues.toJava(Value.newBuilder().setBoolValue(true).build())).isEqualTo(true);
        assertThat(StructValues.toJava(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())).isNull();
        assertThat(StructValues.toJava(Value.getDefaultInstance())).isNull();
        assertThat(StructValues.toJava(text("10.0.0.0/16"))).isEqualTo("10.0.0.0/16");
        assertThat(StructValues.toJava(Value.newBuilder().setListValue(ListValue.newBuilder()
                .addValues(text("a")).addValues(number(2)).addValues(Value.newBuilder().setBoolValue(false))).build()))
                .isEqualTo(List.of("a", 2L, false));
    }

    @Test
    void theEnginesSpecialValuesBecomeMarkersOrUrns() {
        assertThat(StructValues.toJava(text("04da6b54-80e4-46f7-96ec-b56ff0331ba9"))).isEqualTo("[unknown]");
        assertThat(StructValues.toJava(struct(Map.of(SIG, text("1b47061264138c4ac30d75fd1eb44270"), "value", text("hunter2")))))
                .isEqualTo("[secret]");
        // A resource reference is its URN, spelled as the real engine spells it (no root stack in the type chain).
        assertThat(StructValues.toJava(struct(Map.of(SIG, text("5cf8f73096256a8f31e491e813e4eb8e"),
                "urn", text("urn:pulumi:dev::platform::pulumi:pulumi:Stack$aws:ec2/vpc:Vpc::main"), "id", text("vpc-1")))))
                .isEqualTo("urn:pulumi:dev::platform::aws:ec2/vpc:Vpc::main");
    }

    @Test
    void objectsThatOnlyLookSpecialStayObjects() {
        // A resource signature without a URN, an unknown signature and a signature that is not text are plain objects.
        assertThat(StructValues.toJava(struct(Map.of(SIG, text("5cf8f73096256a8f31e491e813e4eb8e"), "id", text("vpc-1")))))
                .isEqualTo(Map.of(SIG, "5cf8f73096256a8f31e491e813e4eb8e", "id", "vpc-1"));
        assertThat(StructValues.toJava(struct(Map.of(SIG, text("c44067f5952c0a294b673a41bacd8c17"), "path", text("/x")))))
                .isEqualTo(Map.of(SIG, "c44067f5952c0a294b673a41bacd8c17", "path", "/x"));
        assertThat(StructValues.toJava(struct(Map.of(SIG, number(1), "urn", text("urn:x")))))
                .isEqualTo(Map.of(SIG, 1L, "urn", "urn:x"));
        assertThat(StructValues.toMap(Struct.newBuilder().putFields("b", number(1)).putFields("a", text("x")).build()))
                .containsExactly(Map.entry("a", "x"), Map.entry("b", 1L));
    }

    @Test
    void theStandInOfAnEncryptedConfigValueIsMaskedAtAnyDepth() {
        String leaked = "postgres://app:" + StackFile.SECRET_PLACEHOLDER + "@db";
        assertThat(StructValues.toJava(text(leaked))).isEqualTo("[secret]");
        assertThat(StructValues.maskedDeep(leaked)).isEqualTo("[secret]");
        assertThat(StructValues.maskedDeep(Map.of("url", leaked, "port", 5432, "hosts", List.of("a", leaked, Map.of("k", leaked)))))
                .isEqualTo(Map.of("url", "[secret]", "port", 5432, "hosts", List.of("a", "[secret]", Map.of("k", "[secret]"))));
        assertThat(StructValues.maskedDeep(Map.of(1, "plain"))).isEqualTo(Map.of("1", "plain"));
        assertThat(StructValues.maskedDeep(7L)).isEqualTo(7L);
        assertThat(StructValues.maskedDeep(null)).isNull();
    }
}
