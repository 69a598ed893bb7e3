package io.cyberplaza.core.contract;

import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.idempotency.IdempotencyStore.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class IdempotencyStoreContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final Instant LEASE = NOW.plusSeconds(60);
    private static final Instant EXPIRY = NOW.plusSeconds(86_400);

    protected abstract IdempotencyStore store();

    private static String scope() {
        return "0x" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aKeyIsClaimedOnceAndKeepsTheFirstResponse() {
        IdempotencyStore store = store();
        String scope = scope();
        assertThat(store.claim(scope, "k1", "fp-a", NOW, LEASE, EXPIRY)).isTrue();
        assertThat(store.claim(scope, "k1", "fp-a", NOW, LEASE, EXPIRY)).as("held").isFalse();
        assertThat(store.find(scope, "k1").orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);

        store.complete(scope, "k1", 201, "{\"id\":1}");
        var done = store.find(scope, "k1").orElseThrow();
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.httpStatus()).isEqualTo(201);
        assertThat(done.body()).isEqualTo("{\"id\":1}");
        assertThat(done.fingerprint()).isEqualTo("fp-a");
        assertThat(store.claim(scope, "k1", "fp-a", NOW.plusSeconds(3_600), NOW.plusSeconds(3_660), EXPIRY))
                .as("a completed key is never claimed again").isFalse();

        assertThat(store.find(scope(), "k1")).as("keys belong to their scope").isEmpty();
        assertThat(store.claim(scope(), "k1", "fp-b", NOW, LEASE, EXPIRY)).isTrue();
    }

    @Test
    void anAbandonedClaimIsTakenOverOnlyAfterItsLeaseAndOnlyForTheSameRequest() {
        IdempotencyStore store = store();
        String scope = scope();
        store.claim(scope, "k", "fp-a", NOW, LEASE, EXPIRY);
        assertThat(store.claim(scope, "k", "fp-a", NOW.plusSeconds(30), NOW.plusSeconds(90), EXPIRY)).isFalse();
        assertThat(store.claim(scope, "k", "fp-b", NOW.plusSeconds(61), NOW.plusSeconds(121), EXPIRY)).isFalse();
        assertThat(store.claim(scope, "k", "fp-a", NOW.plusSeconds(61), NOW.plusSeconds(121), EXPIRY)).isTrue();
    }

    @Test
    void aReleasedKeyCanBeClaimedAgain() {
        IdempotencyStore store = store();
        String scope = scope();
        store.claim(scope, "k", "fp-a", NOW, LEASE, EXPIRY);
        store.release(scope, "k");
        assertThat(store.find(scope, "k")).isEmpty();
        assertThat(store.claim(scope, "k", "fp-b", NOW, LEASE, EXPIRY)).isTrue();
    }

    @Test
    void completingAKeyNoLongerHeldStoresNothing() {
        IdempotencyStore store = store();
        String scope = scope();
        store.complete(scope, "never-claimed", 201, "{}");
        assertThat(store.find(scope, "never-claimed")).isEmpty();
        store.claim(scope, "k", "fp-a", NOW, LEASE, EXPIRY);
        store.complete(scope, "k", 201, "{\"first\":true}");
        store.complete(scope, "k", 500, "{\"second\":true}");
        assertThat(store.find(scope, "k").orElseThrow().body()).as("the first answer stands").isEqualTo("{\"first\":true}");
    }

    @Test
    void ofConcurrentClaimsExactlyOneWins() throws Exception {
        IdempotencyStore store = store();
        String scope = scope();
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) racers.add(() -> store.claim(scope, "race", "fp", NOW, LEASE, EXPIRY));
        try (var pool = Executors.newFixedThreadPool(8)) {
            int won = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) if (result.get()) won++;
            assertThat(won).isEqualTo(1);
        }
    }
}
