package io.cyberplaza.vendor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A vendor's price document fetched and read as a token stream, however large: one GET, the status
 * checked, the body a JSON object handed to the reader at its first token. Any failure is the
 * source's, named by what it was reading.
 */
public final class JsonDownloads {
    /** Token streams that can also read a subtree as a tree, for the documents small enough to. */
    private static final JsonFactory JSON = new JsonFactory(new ObjectMapper());

    @FunctionalInterface
    public interface Reader<T> {
        /** Reads the object whose START_OBJECT token the parser is on. */
        T read(JsonParser parser) throws IOException;
    }

    private JsonDownloads() {
    }

    public static <T> T get(HttpClient http, URI uri, Duration timeout, String what, Reader<T> reader) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); JsonParser parser = JSON.createParser(body)) {
                if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode() + " for " + uri.getPath());
                if (parser.nextToken() != JsonToken.START_OBJECT) throw new IOException("the document is not a JSON object");
                return reader.read(parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + what, e);
        }
    }
}
