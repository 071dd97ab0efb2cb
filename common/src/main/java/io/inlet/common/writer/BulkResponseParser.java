package io.inlet.common.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code _bulk} response with Jackson's streaming parser: for each item, in request order, its
 * status, result and error type/reason. Everything else (shard info, sequence numbers) is skipped.
 */
final class BulkResponseParser {

    private static final JsonFactory JSON = new JsonFactory();

    private BulkResponseParser() {
    }

    static List<BulkItemResult> parse(InputStream body, int expected) throws IOException {
        List<BulkItemResult> items = new ArrayList<>(expected);
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a _bulk response is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("items".equals(name) && p.currentToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.nextToken(); // the action name: index, create, delete, update
                        p.nextToken(); // its object
                        items.add(item(p));
                        p.nextToken(); // end of the wrapper object
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (items.size() != expected) {
            throw new IOException("the _bulk response holds " + items.size() + " items for " + expected + " operations");
        }
        return items;
    }

    private static BulkItemResult item(JsonParser p) throws IOException {
        int status = 0;
        String result = null;
        String type = null;
        String reason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "status" -> status = p.getIntValue();
                case "result" -> result = p.getText();
                case "error" -> {
                    if (t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String ef = p.currentName();
                            p.nextToken();
                            if ("type".equals(ef)) {
                                type = p.getText();
                            } else if ("reason".equals(ef)) {
                                reason = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        reason = p.getText();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new BulkItemResult(status, result, type, reason);
    }
}
