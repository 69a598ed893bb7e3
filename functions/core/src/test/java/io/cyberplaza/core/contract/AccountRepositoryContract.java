package io.cyberplaza.core.contract;

import io.cyberplaza.core.auth.Account;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class AccountRepositoryContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final String OPERATOR = "0x00000000000000000000000000000000000000f0";

    protected abstract AccountRepository repository();

    private static String address() {
        return "0x" + UUID.randomUUID().toString().replace("-", "").substring(0, 32) + "00000000";
    }

    @Test
    void anAccountIsCreatedAtVersionOneAndChangedOnlyFromTheVersionRead() {
        AccountRepository accounts = repository();
        String address = address();
        Account none = Account.empty(address, NOW);
        assertThat(accounts.find(address)).isEmpty();

        Account provider = none.with(Set.of(Role.PROVIDER), NOW, OPERATOR);
        assertThat(accounts.replace(none, provider)).isTrue();
        assertThat(accounts.replace(none, none.with(Set.of(Role.OPERATOR), NOW, OPERATOR))).as("created twice").isFalse();
        assertThat(accounts.find(address)).contains(provider);

        Account both = provider.with(Set.of(Role.PROVIDER, Role.OPERATOR), NOW.plusSeconds(1), OPERATOR);
        assertThat(accounts.replace(provider, both)).isTrue();
        assertThat(accounts.replace(provider, provider.with(Set.of(), NOW, OPERATOR))).as("stale").isFalse();
        Account stored = accounts.find(address).orElseThrow();
        assertThat(stored.granted()).containsExactlyInAnyOrder(Role.PROVIDER, Role.OPERATOR);
        assertThat(stored.version()).isEqualTo(2);

        Account emptied = stored.with(Set.of(), NOW.plusSeconds(2), OPERATOR);
        assertThat(accounts.replace(stored, emptied)).isTrue();
        assertThat(accounts.find(address).orElseThrow().granted()).isEmpty();
    }

    @Test
    void ofConcurrentFirstGrantsExactlyOneIsStored() throws Exception {
        AccountRepository accounts = repository();
        String address = address();
        Account none = Account.empty(address, NOW);
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Set<Role> roles = i % 2 == 0 ? Set.of(Role.PROVIDER) : Set.of(Role.OPERATOR);
            racers.add(() -> accounts.replace(none, none.with(roles, NOW, OPERATOR)));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            int won = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) if (result.get()) won++;
            assertThat(won).isEqualTo(1);
        }
    }
}
