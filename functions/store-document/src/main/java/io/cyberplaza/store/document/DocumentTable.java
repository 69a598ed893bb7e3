package io.cyberplaza.store.document;

import io.cyberplaza.store.document.DocumentStore.Document;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentStore.Write;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One kind of domain record in one collection: the record kept whole as a JSON body, beside it the
 * fields that queries and TTL need. Every change goes through a precondition.
 */
final class DocumentTable<T> {
    static final String BODY = "body";

    /** A record as read, with the version to write it back against. */
    record Stored<T>(T value, String etag) {
    }

    private final DocumentStore store;
    private final String collection;
    private final Class<T> type;
    private final Function<T, DocumentKey> keyOf;
    private final Function<T, Map<String, Object>> indexedFields;

    DocumentTable(DocumentStore store, String collection, Class<T> type, Function<T, DocumentKey> keyOf,
                  Function<T, Map<String, Object>> indexedFields) {
        this.store = store;
        this.collection = collection;
        this.type = type;
        this.keyOf = keyOf;
        this.indexedFields = indexedFields;
    }

    DocumentTable(DocumentStore store, String collection, Class<T> type, Function<T, DocumentKey> keyOf) {
        this(store, collection, type, keyOf, value -> Map.of());
    }

    /** For records that are one per partition. */
    static DocumentKey single(String id) {
        return new DocumentKey(id, "");
    }

    Optional<Stored<T>> get(DocumentKey key) {
        return store.get(collection, key).map(this::stored);
    }

    Optional<T> find(DocumentKey key) {
        return get(key).map(Stored::value);
    }

    List<T> getAll(List<DocumentKey> keys) {
        return store.getAll(collection, keys).stream().map(this::decode).toList();
    }

    /** @return false when a record under the same key exists */
    boolean create(T value) {
        return store.commit(createWrite(value));
    }

    void put(T value) {
        store.commit(putWrite(value));
    }

    /** @return false when the stored record is no longer the one read */
    boolean replace(Stored<T> current, T next) {
        return store.commit(replaceWrite(current, next));
    }

    /** Replaces the stored record with {@code next} if it is there and still {@code expected}; false otherwise. */
    boolean replaceIf(DocumentKey key, Predicate<T> expected, T next) {
        Optional<Stored<T>> current = get(key);
        return current.isPresent() && expected.test(current.get().value()) && replace(current.get(), next);
    }

    boolean delete(Stored<T> current) {
        return store.commit(new Write.Delete(collection, keyOf.apply(current.value()), current.etag()));
    }

    void delete(DocumentKey key) {
        store.commit(new Write.Delete(collection, key, null));
    }

    List<T> where(String field, String value) {
        return store.where(collection, field, value).stream().map(this::decode).toList();
    }

    List<T> rows(String partition, String afterRow, int limit) {
        return storedRows(partition, afterRow, limit).stream().map(Stored::value).toList();
    }

    List<Stored<T>> storedRows(String partition, String afterRow, int limit) {
        return store.rows(collection, partition, afterRow, limit).stream().map(this::stored).toList();
    }

    Write createWrite(T value) {
        return new Write.Create(collection, keyOf.apply(value), fields(value));
    }

    Write putWrite(T value) {
        return new Write.Put(collection, keyOf.apply(value), fields(value));
    }

    Write replaceWrite(Stored<T> current, T next) {
        return new Write.Replace(collection, keyOf.apply(next), current.etag(), fields(next));
    }

    boolean commit(List<Write> writes) {
        return store.commit(writes);
    }

    private Map<String, Object> fields(T value) {
        Map<String, Object> fields = new HashMap<>(indexedFields.apply(value));
        fields.put(BODY, DocumentCodec.write(value));
        return fields;
    }

    private Stored<T> stored(Document document) {
        return new Stored<>(decode(document), document.etag());
    }

    private T decode(Document document) {
        return DocumentCodec.read(document.string(BODY), type);
    }
}
