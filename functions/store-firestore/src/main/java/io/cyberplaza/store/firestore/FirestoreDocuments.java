package io.cyberplaza.store.firestore;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.WriteBatch;
import io.cyberplaza.store.document.DocumentStore;
import io.cyberplaza.store.document.KeyEscaping;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Firestore as a {@link DocumentStore}: a collection is a collection, a document's id is its
 * partition and row (escaped, joined by '|'), a version its update time. Conditional writes are
 * update-time preconditions; several writes are one atomic batch.
 *
 * <p>The raw partition and row are kept in {@code _p} and {@code _r} for partition reads, which
 * need the composite index ({@code _p} ascending, {@code _r} ascending) the infrastructure code
 * declares for every collection.
 */
public final class FirestoreDocuments implements DocumentStore {
    static final String PARTITION = "_p";
    static final String ROW = "_r";
    private static final Set<StatusCode.Code> PRECONDITION_FAILURES = Set.of(StatusCode.Code.ALREADY_EXISTS,
            StatusCode.Code.FAILED_PRECONDITION, StatusCode.Code.NOT_FOUND, StatusCode.Code.ABORTED);

    private final Firestore db;

    public FirestoreDocuments(Firestore db) {
        this.db = db;
    }

    private DocumentReference reference(String collection, DocumentKey key) {
        return db.collection(collection).document(KeyEscaping.escape(key.partition()) + "|" + KeyEscaping.escape(key.row()));
    }

    @Override
    public Optional<Document> get(String collection, DocumentKey key) {
        DocumentSnapshot snapshot = await(reference(collection, key).get());
        return snapshot.exists() ? Optional.of(toDocument(snapshot)) : Optional.empty();
    }

    @Override
    public List<Document> getAll(String collection, Collection<DocumentKey> keys) {
        if (keys.isEmpty()) return List.of();
        DocumentReference[] references = keys.stream().map(key -> reference(collection, key)).toArray(DocumentReference[]::new);
        return await(db.getAll(references)).stream().filter(DocumentSnapshot::exists).map(FirestoreDocuments::toDocument).toList();
    }

    @Override
    public List<Document> rows(String collection, String partition, String afterRow, int limit) {
        Query query = db.collection(collection).whereEqualTo(PARTITION, partition);
        if (afterRow != null) query = query.whereGreaterThan(ROW, afterRow);
        query = query.orderBy(ROW);
        if (limit > 0) query = query.limit(limit);
        return await(query.get()).getDocuments().stream().map(FirestoreDocuments::toDocument).toList();
    }

    @Override
    public List<Document> where(String collection, String field, String value) {
        CollectionReference documents = db.collection(collection);
        return await(documents.whereEqualTo(field, value).get()).getDocuments().stream().map(FirestoreDocuments::toDocument).toList();
    }

    @Override
    public boolean commit(List<Write> writes) {
        if (writes.isEmpty()) return true;
        WriteBatch batch = db.batch();
        for (Write write : writes) {
            DocumentReference reference = reference(write.collection(), write.key());
            switch (write) {
                case Write.Create create -> batch.create(reference, fields(create.key(), create.fields()));
                // An update with every field is a replacement: the ports write the same fields each time.
                case Write.Replace replace ->
                        batch.update(reference, fields(replace.key(), replace.fields()), Precondition.updatedAt(Timestamp.parseTimestamp(replace.etag())));
                case Write.Put put -> batch.set(reference, fields(put.key(), put.fields()));
                case Write.Delete delete -> {
                    if (delete.etag() == null) batch.delete(reference);
                    else batch.delete(reference, Precondition.updatedAt(Timestamp.parseTimestamp(delete.etag())));
                }
            }
        }
        try {
            batch.commit().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api && PRECONDITION_FAILURES.contains(api.getStatusCode().getCode())) return false;
            throw new IllegalStateException("Firestore commit failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing to Firestore", e);
        }
    }

    private static Map<String, Object> fields(DocumentKey key, Map<String, Object> fields) {
        Map<String, Object> stored = new HashMap<>();
        fields.forEach((name, value) -> stored.put(name, value instanceof Instant instant
                ? Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano()) : value));
        stored.put(PARTITION, key.partition());
        stored.put(ROW, key.row());
        return stored;
    }

    private static Document toDocument(DocumentSnapshot snapshot) {
        Map<String, Object> fields = new HashMap<>();
        Map<String, Object> data = snapshot.getData();
        if (data != null) {
            data.forEach((name, value) -> {
                if (name.equals(PARTITION) || name.equals(ROW)) return;
                fields.put(name, value instanceof Timestamp time ? Instant.ofEpochSecond(time.getSeconds(), time.getNanos()) : value);
            });
        }
        return new Document(snapshot.getUpdateTime().toString(), fields);
    }

    private static <T> T await(com.google.api.core.ApiFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Firestore read failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading Firestore", e);
        }
    }
}
