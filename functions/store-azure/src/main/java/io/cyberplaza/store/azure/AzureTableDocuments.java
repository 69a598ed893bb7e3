package io.cyberplaza.store.azure;

import com.azure.core.http.rest.PagedIterable;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceError;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import io.cyberplaza.store.document.DocumentStore;
import io.cyberplaza.store.document.DocumentStores;
import io.cyberplaza.store.document.KeyEscaping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Azure Table storage as a {@link DocumentStore}: a collection is a table, a document an entity
 * (PartitionKey, RowKey), a version its ETag. Conditional writes are {@code If-Match} on the ETag
 * read; several writes to one partition are one entity group transaction.
 *
 * <p>Tables have no secondary indexes: a {@code where} is a filtered scan of the table. The queries
 * that use it (orders and offers by owner or state, settlements by status) are operator and
 * scheduler reads, not the hot path.
 */
public final class AzureTableDocuments implements DocumentStore {
    private static final String ODATA_ETAG = "odata.etag";
    private static final Set<String> SYSTEM_PROPERTIES = Set.of("PartitionKey", "RowKey", "Timestamp", ODATA_ETAG);
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final Set<TableErrorCode> PRECONDITION_CODES = Set.of(TableErrorCode.ENTITY_ALREADY_EXISTS,
            TableErrorCode.UPDATE_CONDITION_NOT_SATISFIED, TableErrorCode.RESOURCE_NOT_FOUND);

    private final TableServiceClient service;
    private final ConcurrentMap<String, TableClient> tables = new ConcurrentHashMap<>();

    public AzureTableDocuments(TableServiceClient service) {
        this.service = service;
    }

    /** Creates the tables of every collection that do not exist yet (a deployment's infrastructure code creates them instead). */
    public void createMissing(String prefix) {
        DocumentStores.COLLECTIONS.forEach(name -> service.createTableIfNotExists(prefix + name));
    }

    private TableClient table(String collection) {
        return tables.computeIfAbsent(collection, service::getTableClient);
    }

    @Override
    public Optional<Document> get(String collection, DocumentKey key) {
        // A point query rather than a GET: a missing entity is an empty page, not a 404 the SDK logs as an error.
        String filter = "PartitionKey eq " + literal(escape(key.partition())) + " and RowKey eq " + literal(escape(key.row()));
        return collect(table(collection).listEntities(new ListEntitiesOptions().setFilter(filter), null, null), 1).stream().findFirst();
    }

    @Override
    public List<Document> rows(String collection, String partition, String afterRow, int limit) {
        String filter = "PartitionKey eq " + literal(escape(partition));
        if (afterRow != null) filter += " and RowKey gt " + literal(escape(afterRow));
        return collect(table(collection).listEntities(new ListEntitiesOptions().setFilter(filter), null, null), limit);
    }

    @Override
    public List<Document> where(String collection, String field, String value) {
        return collect(table(collection).listEntities(new ListEntitiesOptions().setFilter(field + " eq " + literal(value)), null, null), 0);
    }

    @Override
    public boolean commit(List<Write> writes) {
        if (writes.isEmpty()) return true;
        try {
            if (writes.size() == 1) {
                return applyOne(writes.getFirst());
            }
            String collection = writes.getFirst().collection();
            List<TableTransactionAction> actions = writes.stream().map(AzureTableDocuments::action).toList();
            table(collection).submitTransaction(actions);
            return true;
        } catch (TableTransactionFailedException e) {
            if (isPreconditionFailure(e)) return false;
            throw e;
        }
    }

    private boolean applyOne(Write write) {
        TableClient table = table(write.collection());
        try {
            switch (write) {
                case Write.Create create -> table.createEntity(entity(create.key(), create.fields(), null));
                case Write.Replace replace ->
                        table.updateEntityWithResponse(entity(replace.key(), replace.fields(), replace.etag()), TableEntityUpdateMode.REPLACE, true, null, null);
                case Write.Put put -> table.upsertEntityWithResponse(entity(put.key(), put.fields(), null), TableEntityUpdateMode.REPLACE, null, null);
                case Write.Delete delete -> {
                    if (delete.etag() == null) table.deleteEntity(escape(delete.key().partition()), escape(delete.key().row()));
                    else table.deleteEntityWithResponse(entity(delete.key(), Map.of(), delete.etag()), true, null, null);
                }
            }
            return true;
        } catch (TableServiceException e) {
            if (write instanceof Write.Delete delete && delete.etag() == null && isNotFound(e)) return true;
            if (isPreconditionFailure(e)) return false;
            throw e;
        }
    }

    /** The entity exists (create), changed since read (If-Match), or is gone: told by status, or for a failed transaction by error code. */
    private static boolean isPreconditionFailure(TableServiceException e) {
        if (e.getResponse() != null) {
            int status = e.getResponse().getStatusCode();
            return status == PRECONDITION_FAILED || status == CONFLICT || status == NOT_FOUND;
        }
        return e.getValue() instanceof TableServiceError error && PRECONDITION_CODES.contains(error.getErrorCode());
    }

    private static boolean isNotFound(TableServiceException e) {
        return e.getResponse() != null ? e.getResponse().getStatusCode() == NOT_FOUND
                : e.getValue() instanceof TableServiceError error && TableErrorCode.RESOURCE_NOT_FOUND.equals(error.getErrorCode());
    }

    private static TableTransactionAction action(Write write) {
        return switch (write) {
            case Write.Create create -> new TableTransactionAction(TableTransactionActionType.CREATE, entity(create.key(), create.fields(), null));
            case Write.Replace replace ->
                    new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, entity(replace.key(), replace.fields(), replace.etag()), true);
            case Write.Put put -> new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, entity(put.key(), put.fields(), null));
            case Write.Delete delete -> new TableTransactionAction(TableTransactionActionType.DELETE,
                    entity(delete.key(), Map.of(), delete.etag()), delete.etag() != null);
        };
    }

    private static TableEntity entity(DocumentKey key, Map<String, Object> fields, String etag) {
        TableEntity entity = new TableEntity(escape(key.partition()), escape(key.row()));
        fields.forEach((name, value) -> {
            if (value != null) entity.addProperty(name, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        });
        if (etag != null) entity.addProperty(ODATA_ETAG, etag);
        return entity;
    }

    private static List<Document> collect(PagedIterable<TableEntity> entities, int limit) {
        List<Document> documents = new ArrayList<>();
        for (TableEntity entity : entities) {
            documents.add(toDocument(entity));
            if (limit > 0 && documents.size() == limit) break;
        }
        return documents;
    }

    private static Document toDocument(TableEntity entity) {
        Map<String, Object> fields = new HashMap<>();
        entity.getProperties().forEach((name, value) -> {
            if (SYSTEM_PROPERTIES.contains(name)) return;
            fields.put(name, value instanceof OffsetDateTime time ? time.toInstant() : value);
        });
        return new Document(entity.getETag(), fields);
    }

    private static String escape(String key) {
        return KeyEscaping.escape(key);
    }

    /** An OData string literal: quotes doubled. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
