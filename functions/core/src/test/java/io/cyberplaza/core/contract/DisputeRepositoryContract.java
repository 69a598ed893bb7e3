package io.cyberplaza.core.contract;

import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.store.ConditionFailedException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class DisputeRepositoryContract {
    private static final String OWNER = "0x00000000000000000000000000000000000000a1";

    protected abstract DisputeRepository repository();

    @Test
    void oneDisputePerOrderEachChangeConditionalFoundByProviderAndStatus() {
        DisputeRepository disputes = repository();
        String orderId = OrderRepositoryContract.randomOrderId();
        String provider = "0x" + orderId.substring(orderId.length() - 8) + "0".repeat(32);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Dispute opening = Dispute.requested(orderId, OWNER, provider, 9_500_000L, "the job's output was empty", "https://evidence.example/1",
                "dispute-open:" + orderId, now);
        disputes.create(opening);
        assertThatThrownBy(() -> disputes.create(opening)).isInstanceOf(ConditionFailedException.class);

        Dispute open = opening.opened(9_500_000L, now.plusSeconds(1));
        assertThat(disputes.replace(opening, open)).isTrue();
        assertThat(disputes.replace(opening, opening.opened(1, now))).as("written against a stale read").isFalse();
        Dispute answered = open.answered(new Dispute.Response(provider, "it ran for the hour; logs attached", now.plusSeconds(2)));
        assertThat(disputes.replace(open, answered)).isTrue();

        assertThat(disputes.find(opening.disputeId())).contains(answered);
        assertThat(disputes.findByProvider(provider)).containsExactly(answered);
        assertThat(disputes.findByStatus(Dispute.DisputeStatus.OPEN)).contains(answered);
        assertThat(disputes.findByStatus(Dispute.DisputeStatus.OPENING)).doesNotContain(opening, answered);

        Dispute resolved = answered.resolved(new Dispute.Resolution(6_650_000L, 2_850_000L, "0x" + "ab".repeat(32)), now.plusSeconds(3));
        assertThat(disputes.replace(answered, resolved)).isTrue();
        assertThat(disputes.find(opening.disputeId()).orElseThrow().resolution()).isEqualTo(resolved.resolution());
        assertThat(disputes.findByStatus(Dispute.DisputeStatus.OPEN)).doesNotContain(resolved);
    }
}
