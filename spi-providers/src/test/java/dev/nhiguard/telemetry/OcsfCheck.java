package dev.nhiguard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** What the OCSF 1.3.0 schema (the files of ocsf/ocsf-schema in the test resources) finds wrong with a record: for the ITs. */
public final class OcsfCheck {

    private static final OcsfSchema SCHEMA = OcsfSchema.load("ocsf-1.3.0");

    private OcsfCheck() {
    }

    public static List<String> problems(JsonNode record) {
        return OcsfValidator.validate(SCHEMA, record);
    }
}
