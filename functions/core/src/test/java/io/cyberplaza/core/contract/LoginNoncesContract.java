package io.cyberplaza.core.contract;

import io.cyberplaza.core.auth.LoginNonces;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class LoginNoncesContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final String ALICE = "0x00000000000000000000000000000000000000a1";

    protected abstract LoginNonces nonces();

    @Test
    void aNonceWorksOnceForItsAddressBeforeItExpires() {
        LoginNonces nonces = nonces();
        String nonce = UUID.randomUUID().toString().replace("-", "");
        nonces.issue(nonce, ALICE, NOW.plusSeconds(300));
        assertThat(nonces.consume(nonce, "0x00000000000000000000000000000000000000b0", NOW)).as("someone else's").isFalse();
        assertThat(nonces.isLive(nonce, "0x00000000000000000000000000000000000000b0", NOW)).as("someone else's").isFalse();
        assertThat(nonces.isLive(nonce, ALICE, NOW)).isTrue();
        assertThat(nonces.isLive(nonce, ALICE, NOW)).as("asking spends nothing").isTrue();
        assertThat(nonces.consume(nonce, ALICE, NOW)).isTrue();
        assertThat(nonces.isLive(nonce, ALICE, NOW)).as("spent").isFalse();
        assertThat(nonces.consume(nonce, ALICE, NOW)).as("replayed").isFalse();

        String late = UUID.randomUUID().toString().replace("-", "");
        nonces.issue(late, ALICE, NOW.plusSeconds(300));
        assertThat(nonces.isLive(late, ALICE, NOW.plusSeconds(300))).as("expired").isFalse();
        assertThat(nonces.consume(late, ALICE, NOW.plusSeconds(300))).as("expired").isFalse();
        assertThat(nonces.consume("never-issued", ALICE, NOW)).isFalse();
    }
}
