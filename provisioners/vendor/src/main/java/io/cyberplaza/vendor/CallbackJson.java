package io.cyberplaza.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Strict reading of callback bodies for the vendors' readers: a JSON object or array and nothing
 * after it, fields of the expected types, bounded strings and RFC 3339 times. Every departure is a
 * malformed-callback problem, never an exception of the parser.
 */
public final class CallbackJson {
    private static final int LONGEST_STRING = 1_024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CallbackJson() {
    }

    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) throw malformed("the body is empty");
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("the body is not JSON");
        } catch (IOException e) {
            throw malformed("the body could not be read");
        }
        if (node == null || !(node.isObject() || node.isArray())) throw malformed("the body is not a JSON object");
        return node;
    }

    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isObject()) throw malformed("'" + field + "' must be an object");
        return value;
    }

    public static String text(JsonNode node, String field) {
        return text(node, field, LONGEST_STRING);
    }

    /** A string field longer than names and ids are, such as an envelope's base64 payload. */
    public static String text(JsonNode node, String field, int longest) {
        String value = textOrNull(node, field);
        if (value == null || value.isBlank() || value.length() > longest) throw malformed("'" + field + "' must be a string");
        return value;
    }

    public static String textOrNull(JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    public static Boolean booleanOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() ? value.booleanValue() : null;
    }

    public static Instant time(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw malformed("'" + field + "' must be an RFC 3339 time");
        }
    }

    public static DomainException malformed(String why) {
        return new DomainException(ErrorType.INVALID_REQUEST, "malformed callback: " + why);
    }
}
