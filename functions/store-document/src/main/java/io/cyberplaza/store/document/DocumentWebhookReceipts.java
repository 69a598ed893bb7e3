package io.cyberplaza.store.document;

import io.cyberplaza.core.vendor.WebhookReceipts;

import java.time.Instant;
import java.util.Map;

final class DocumentWebhookReceipts implements WebhookReceipts {
    record Receipt(String vendor, String eventId, Instant receivedAt, Instant expiresAt) {
    }

    private final DocumentTable<Receipt> receipts;

    DocumentWebhookReceipts(DocumentStore store, String collection) {
        this.receipts = new DocumentTable<>(store, collection, Receipt.class, receipt -> new DocumentStore.DocumentKey(receipt.vendor(), receipt.eventId()),
                receipt -> Map.of(DocumentStores.EXPIRES_AT, receipt.expiresAt()));
    }

    @Override
    public boolean seen(String vendor, String eventId) {
        return receipts.find(new DocumentStore.DocumentKey(vendor, eventId)).isPresent();
    }

    @Override
    public boolean record(String vendor, String eventId, Instant receivedAt, Instant expiresAt) {
        return receipts.create(new Receipt(vendor, eventId, receivedAt, expiresAt));
    }
}
