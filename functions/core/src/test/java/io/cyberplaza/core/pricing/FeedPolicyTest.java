package io.cyberplaza.core.pricing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FeedPolicyTest {
    private static final Instant THEN = Instant.parse("2099-11-24T10:00:00Z");
    private final FeedPolicy policy = FeedPolicy.defaults();
    private final Optional<FeedRound> latest = Optional.of(new FeedRound(7, 1_000_000, THEN));

    @Test
    void exactlyFivePercentIsNoMoveAndOneBaseUnitMoreIs() {
        assertThat(policy.shouldUpdate(latest, 1_050_000, THEN.plusSeconds(60))).isFalse();
        assertThat(policy.shouldUpdate(latest, 950_000, THEN.plusSeconds(60))).isFalse();
        assertThat(policy.shouldUpdate(latest, 1_050_001, THEN.plusSeconds(60))).isTrue();
        assertThat(policy.shouldUpdate(latest, 949_999, THEN.plusSeconds(60))).isTrue();
    }

    @Test
    void theHeartbeatUpdatesAnUnchangedPriceAndAnEmptyFeedIsAlwaysUpdated() {
        assertThat(policy.shouldUpdate(latest, 1_000_000, THEN.plus(Duration.ofHours(24)).minusSeconds(1))).isFalse();
        assertThat(policy.shouldUpdate(latest, 1_000_000, THEN.plus(Duration.ofHours(24)))).isTrue();
        assertThat(policy.shouldUpdate(Optional.empty(), 1, THEN)).isTrue();
    }
}
