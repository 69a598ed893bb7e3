package io.cyberplaza.core.escrow;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingMetrics;
import io.cyberplaza.core.fakes.SwitchableTokenState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenGuardTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final SwitchableTokenState token = new SwitchableTokenState();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final TokenGuard guard = new TokenGuard(token, metrics, new TokenGuard.Settings(Duration.ofSeconds(15), Duration.ofMinutes(5)),
            clock);

    @Test
    void aPausedTokenStopsOrdersWithItsReasonAndOneAlertUntilItIsLifted() {
        guard.requireUsable();
        token.set(true, false);
        clock.advance(Duration.ofSeconds(16));

        assertRefused("paused by its issuer");
        clock.advance(Duration.ofSeconds(16));
        assertRefused("paused by its issuer");
        assertThat(metrics.alerts).as("one alert per change, not per request").containsExactly("token-paused");

        token.set(false, false);
        clock.advance(Duration.ofSeconds(16));
        assertThatCode(guard::requireUsable).doesNotThrowAnyException();
    }

    @Test
    void aBlacklistedEscrowStopsOrdersAndAlertsOnItsOwn() {
        token.set(false, true);
        assertRefused("blacklisted the escrow");
        assertThat(metrics.alerts).containsExactly("escrow-blacklisted");
        assertThat(guard.check().usable()).isFalse();
    }

    @Test
    void theTokenIsReadOncePerRefreshHoweverManyRequestsAsk() {
        for (int i = 0; i < 50; i++) guard.requireUsable();
        assertThat(token.reads()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(16));
        guard.requireUsable();
        assertThat(token.reads()).isEqualTo(2);
    }

    @Test
    void anUnreachableNodeKeepsTheLastAnswerForAWhileThenRefuses() {
        guard.requireUsable();
        token.unreachable(true);
        clock.advance(Duration.ofMinutes(4));
        assertThatCode(guard::requireUsable).as("a blip of the node does not stop quoting").doesNotThrowAnyException();
        int reads = token.reads();
        guard.requireUsable();
        assertThat(token.reads()).as("a failed read is not retried by every request").isEqualTo(reads);

        clock.advance(Duration.ofMinutes(2));
        assertRefused("could not be read");
        assertThat(metrics.alerts).as("losing the token long enough to stop orders is alerted, once").containsExactly("token-unreadable");
        clock.advance(Duration.ofSeconds(16));
        assertRefused("could not be read");
        assertThat(metrics.alerts).hasSize(1);
    }

    @Test
    void aContainerThatStartsWhileTheNodeBlinksTriesAgainWithinASecondNotAfterAWholeRefresh() {
        token.unreachable(true);
        assertRefused("could not be read");
        token.unreachable(false);
        clock.advance(Duration.ofMillis(1_100));
        assertThatCode(guard::requireUsable).as("found by the soak: a restarted API refused quotes for 15 s after a 3 s outage")
                .doesNotThrowAnyException();
        assertThat(metrics.alerts).as("found by the soak: a blink at start raised token-unreadable at once").isEmpty();
    }

    @Test
    void aContainerThatNeverReadsTheTokenAlertsOnceItHasTriedForTheTrustPeriod() {
        token.unreachable(true);
        assertRefused("could not be read");
        clock.advance(Duration.ofMinutes(4));
        assertRefused("could not be read");
        assertThat(metrics.alerts).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertRefused("could not be read");
        assertThat(metrics.alerts).containsExactly("token-unreadable");
    }

    @Test
    void aTokenNeverReadIsNeverTrusted() {
        token.unreachable(true);
        assertRefused("could not be read");
        assertThat(guard.check()).isNull();
    }

    private void assertRefused(String reason) {
        assertThatThrownBy(guard::requireUsable).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.QUOTING_PAUSED);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @Test
    void requestsRacingTheFirstReadWaitForItInsteadOfBeingRefused() throws Exception {
        java.util.List<Thread> racers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 20; i++) {
            racers.add(Thread.ofVirtual().start(() -> {
                try {
                    guard.requireUsable();
                } catch (DomainException e) {
                    refused.incrementAndGet();
                }
            }));
        }
        for (Thread racer : racers) racer.join();
        assertThat(refused.get()).isZero();
        assertThat(token.reads()).isEqualTo(1);
    }
}
