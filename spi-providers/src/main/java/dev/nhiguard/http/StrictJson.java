package dev.nhiguard.http;

import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorResponse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one reader of every JSON body the pack takes. One reading for everyone: a duplicate key or anything after the
 * value is refused, so what a proxy, a log or a person reads first is what the server does; bytes that are not UTF-8
 * are refused instead of being stored as replacement characters. Refusals say where and what, in the pack's words,
 * never the parser's (no class names, no internal limits).
 */
public final class StrictJson {

    /** Bodies the pack takes are a few fields; a deeper or longer one is no request of ours. */
    private static final int MAX_DEPTH = 16;
    private static final int MAX_TEXT = 1_000_000;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_TEXT).build());
    }

    private StrictJson() {
    }

    /** Why a body cannot be read, in words a caller can act on. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The body's JSON value; null for an empty body. */
    public static JsonNode read(byte[] body, MediaType type) throws Unreadable {
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.trim().toLowerCase(Locale.ROOT).matches("utf-?8")) {
            throw new Unreadable(NhiMessages.format("nhiJsonCharset", SafeText.echo(charset, 40)));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable(NhiMessages.format("nhiJsonNotUtf8"));
        }
        return read(text);
    }

    /** The text's JSON value; null for an empty or blank text. */
    public static JsonNode read(String body) throws Unreadable {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Unreadable(describe(e));
        }
    }

    /** {@link #read(byte[], MediaType)} for a resource: an unreadable body is a 400 naming what is wrong. */
    public static JsonNode readOrRefuse(byte[] body, MediaType type) {
        try {
            return read(body, type);
        } catch (Unreadable e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : NhiMessages.format("nhiJsonAt", at.getLineNr(), at.getColumnNr());
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what;
        if (original.startsWith("Duplicate field")) {
            int open = original.indexOf('\'');
            int close = original.lastIndexOf('\'');
            String field = open >= 0 && close > open ? original.substring(open + 1, close) : "";
            what = NhiMessages.format("nhiJsonDuplicate", SafeText.echo(field, 40));
        } else if (e instanceof MismatchedInputException && original.contains("Trailing token")) {
            what = NhiMessages.format("nhiJsonTrailing");
        } else if (original.contains("exceeds the maximum")) {
            what = NhiMessages.format("nhiJsonTooLarge");
        } else {
            what = NhiMessages.format("nhiJsonSyntax");
        }
        return NhiMessages.format("nhiJsonUnreadable", what, where);
    }
}
