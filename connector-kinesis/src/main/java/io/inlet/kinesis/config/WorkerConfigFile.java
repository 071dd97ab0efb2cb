package io.inlet.kinesis.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the worker's JSON configuration file: one JSON object whose keys are the settings, as in a
 * Kafka Connect connector config ({@code {"opensearch.hosts":"http://localhost:9200","index":"orders",
 * "stream":"orders",...}}). Values may be strings, numbers, booleans or arrays of those (an array
 * becomes a comma-separated list, as {@code opensearch.hosts} expects); {@code null} means "not set".
 * Keys starting with {@code comment} or {@code _comment} are notes for people and are ignored.
 */
public final class WorkerConfigFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WorkerConfigFile() {
    }

    /**
     * The settings in {@code file}.
     *
     * @throws IllegalArgumentException saying what is wrong with the file and where, when it is missing,
     *                                  unreadable, not JSON, or holds values of the wrong shape
     */
    public static Map<String, String> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The configuration file " + file + " does not exist: give the path of"
                    + " a JSON file with --config");
        } catch (IOException e) {
            throw new IllegalArgumentException("Couldn't read the configuration file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** The settings in {@code json}; {@code source} names it in messages. */
    public static Map<String, String> parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage()
                    + location(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " must hold one JSON object of settings, like"
                    + " {\"stream\":\"orders\",\"index\":\"orders\",...}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (isComment(key)) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            String text = scalar(v);
            if (text == null && v.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : v) {
                    String s = scalar(item);
                    if (s == null) {
                        items = null;
                        break;
                    }
                    items.add(s);
                }
                text = items == null ? null : String.join(",", items);
            }
            if (text == null) {
                problems.add(key + ": write a string, a number, a boolean or an array of those, not " + v.getNodeType()
                        .name().toLowerCase(java.util.Locale.ROOT) + " " + v);
            } else {
                out.put(key, text);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " has values of the wrong shape:\n  - "
                    + String.join("\n  - ", problems));
        }
        return out;
    }

    /** Whether {@code key} is a note for people rather than a setting. */
    static boolean isComment(String key) {
        return key.startsWith("comment") || key.startsWith("_comment");
    }

    private static String scalar(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue().toPlainString();
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.booleanValue());
        }
        return null;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
