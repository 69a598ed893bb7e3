package io.cyberplaza.core.escrow;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops quoting and taking orders while the stablecoin cannot move the escrow's money (see
 * {@link TokenState}). The token is read at most once per {@code refreshEvery} per container, so a
 * quote costs no chain call; a failed read keeps the last answer for {@code trustFor}, and without a
 * recent answer the platform refuses rather than assume the token still works. Each change into a
 * blocked state raises an alert, and so does losing the token for longer than {@code trustFor}.
 */
public final class TokenGuard {
    private static final Logger log = LoggerFactory.getLogger(TokenGuard.class);
    private static final Duration UNREAD_RETRY = Duration.ofSeconds(1);

    public record Settings(Duration refreshEvery, Duration trustFor) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(15), Duration.ofMinutes(5));
        }
    }

    /** A guard for deployments without a token to watch (tests of other rules). */
    public static final TokenGuard UNWATCHED = new TokenGuard(() -> TokenState.Status.USABLE, Metrics.NONE, Settings.defaults(),
            Clock.systemUTC());

    /** The last answer ({@code status} null when there never was one) and when the token was last tried. */
    private record Reading(TokenState.Status status, Instant readAt, Instant triedAt) {
    }

    private final TokenState token;
    private final Metrics metrics;
    private final Settings settings;
    private final Clock clock;
    private volatile Reading last;
    private volatile boolean unreadableAlerted;
    private volatile Instant firstTried;
    private final ReentrantLock refreshing = new ReentrantLock();

    public TokenGuard(TokenState token, Metrics metrics, Settings settings, Clock clock) {
        this.token = token;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** Refuses with {@code quoting-paused} unless the token is known, recently, to move the escrow's money. */
    public void requireUsable() {
        Reading reading = current();
        if (reading.status == null || reading.readAt.isBefore(clock.instant().minus(settings.trustFor))) {
            throw new DomainException(ErrorType.QUOTING_PAUSED, "the USDC token's state could not be read recently; "
                    + "quoting resumes when it can");
        }
        TokenState.Status status = reading.status;
        if (status.paused()) {
            throw new DomainException(ErrorType.QUOTING_PAUSED, "the USDC token is paused by its issuer: no deposit, payout or refund "
                    + "can move until it is lifted, so no order is taken");
        }
        if (status.escrowBlacklisted()) {
            throw new DomainException(ErrorType.QUOTING_PAUSED, "the USDC issuer has blacklisted the escrow's address: money paid in "
                    + "could not be paid out, so no order is taken");
        }
    }

    /**
     * The token's status, read again if the last reading is due for a refresh (null when it was never
     * read); the scheduled jobs call it so an alert fires without any traffic.
     */
    public TokenState.Status check() {
        return current().status;
    }

    private Reading current() {
        Reading reading = last;
        Instant now = clock.instant();
        if (fresh(reading, now)) return reading;
        // One request refreshes; the others go on with the last reading rather than queue behind a slow
        // node. Before the very first read there is nothing to go on with: those wait for it.
        if (reading == null) {
            refreshing.lock();
        } else if (!refreshing.tryLock()) {
            return reading;
        }
        try {
            reading = last;
            if (fresh(reading, now)) return reading;
            try {
                TokenState.Status status = token.read();
                Instant readAt = clock.instant();
                alertOnChange(reading == null ? null : reading.status, status);
                last = new Reading(status, readAt, readAt);
                unreadableAlerted = false;
            } catch (RuntimeException e) {
                log.warn("the USDC token's state could not be read: {}", e.getMessage());
                Instant triedAt = clock.instant();
                // Remember the try: while the node is down, one request per refresh waits on it, not every one.
                last = reading == null ? new Reading(null, null, triedAt) : new Reading(reading.status, reading.readAt, triedAt);
                // Counted from the last answer, or in a container that never had one from its first try: a
                // container starting while the node blinks is no reason to wake anyone.
                Instant unreadSince = last.readAt != null ? last.readAt : firstTriedAt(triedAt);
                if (!unreadableAlerted && unreadSince.isBefore(triedAt.minus(settings.trustFor))) {
                    unreadableAlerted = true;
                    log.error("the USDC token has not been read for {}; quoting and orders stop until it is", settings.trustFor);
                    metrics.alert("token-unreadable");
                }
            }
            return last;
        } finally {
            refreshing.unlock();
        }
    }

    private Instant firstTriedAt(Instant now) {
        if (firstTried == null) firstTried = now;
        return firstTried;
    }

    /**
     * Whether a reading is recent enough to answer with. Until a first answer comes, the token is
     * tried again every second: a container that starts while the node blinks refuses for seconds,
     * not for a whole refresh period.
     */
    private boolean fresh(Reading reading, Instant now) {
        if (reading == null) return false;
        Duration refreshAfter = reading.status == null ? UNREAD_RETRY : settings.refreshEvery;
        return reading.triedAt.isAfter(now.minus(refreshAfter));
    }

    private void alertOnChange(TokenState.Status before, TokenState.Status now) {
        boolean wasPaused = before != null && before.paused();
        boolean wasBlacklisted = before != null && before.escrowBlacklisted();
        if (now.paused() && !wasPaused) {
            log.error("the USDC token is paused by its issuer; quoting and orders stop until it is lifted");
            metrics.alert("token-paused");
        }
        if (now.escrowBlacklisted() && !wasBlacklisted) {
            log.error("the USDC issuer blacklisted the escrow's address; quoting and orders stop until it is lifted");
            metrics.alert("escrow-blacklisted");
        }
        if (!now.usable() || before == null || before.usable()) return;
        log.info("the USDC token moves the escrow's money again; quoting resumes");
    }
}
