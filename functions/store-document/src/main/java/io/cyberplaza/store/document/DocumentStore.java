package io.cyberplaza.store.document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store ports need from a document database: documents addressed by partition and row,
 * read consistently, written all-or-nothing within one partition under preconditions on the
 * version the database gave them (Azure Tables' ETag, Firestore's update time).
 *
 * <p>Field values are strings, longs, instants (kept as the database's own time type, so its TTL
 * can expire documents) or null.
 */
public interface DocumentStore {
    /** The most writes one commit may carry on every supported database (Azure's entity group transactions). */
    int MAX_WRITES_PER_COMMIT = 100;

    Optional<Document> get(String collection, DocumentKey key);

    /** The documents that exist among {@code keys}, in no particular order. */
    default List<Document> getAll(String collection, Collection<DocumentKey> keys) {
        List<Document> found = new ArrayList<>();
        keys.forEach(key -> get(collection, key).ifPresent(found::add));
        return found;
    }

    /** A partition's documents by ascending row, those after {@code afterRow} only when it is given; {@code limit} 0 means all. */
    List<Document> rows(String collection, String partition, String afterRow, int limit);

    /** Every document of the collection whose field equals {@code value}. */
    List<Document> where(String collection, String field, String value);

    /**
     * Applies every write or none. All writes address one collection and one partition.
     *
     * @return false when a precondition failed: a created document exists, or a replaced or deleted one changed or is gone
     */
    boolean commit(List<Write> writes);

    default boolean commit(Write write) {
        return commit(List.of(write));
    }

    record DocumentKey(String partition, String row) {
        public DocumentKey {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(row, "row");
        }
    }

    /** A stored document and the database's version of it, to write it back conditionally. */
    record Document(String etag, Map<String, Object> fields) {
        public String string(String field) {
            return (String) fields.get(field);
        }

        public Instant instant(String field) {
            return (Instant) fields.get(field);
        }
    }

    sealed interface Write {
        String collection();

        DocumentKey key();

        /** Fails when the document exists. */
        record Create(String collection, DocumentKey key, Map<String, Object> fields) implements Write {
        }

        /** Fails when the document changed since {@code etag} was read, or is gone. */
        record Replace(String collection, DocumentKey key, String etag, Map<String, Object> fields) implements Write {
        }

        /** Creates or overwrites. */
        record Put(String collection, DocumentKey key, Map<String, Object> fields) implements Write {
        }

        /** With an etag, fails when the document changed since; without one, deletes whatever is there (or nothing). */
        record Delete(String collection, DocumentKey key, String etag) implements Write {
        }
    }
}
