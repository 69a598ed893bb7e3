package io.cyberplaza.core.contract;

import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.pricing.PricingRounds.RoundRecord;
import io.cyberplaza.core.pricing.Rejection;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every store of pricing rounds must do. */
public abstract class PricingRoundsContract {
    private static final PriceKey KEY = new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "");

    protected abstract PricingRounds rounds();

    /** Each test on a day of its own, so stores shared between tests do not mix their rounds. */
    protected abstract Instant day();

    @Test
    void theLatestRoundIsReadBackWithEveryRejectionAndItsReason() {
        PricingRounds rounds = rounds();
        Instant at = day();
        rounds.record(new RoundRecord(at, 10, 3, List.of(), 1, 0, 0, List.of()));
        List<Rejection> rejections = List.of(
                new Rejection("aws-pricing", "sku-1", KEY, Rejection.Reason.ZERO, "0 USD"),
                new Rejection("azure-retail", "meter-2", KEY, Rejection.Reason.WRONG_CURRENCY, "41000 EUR"),
                new Rejection("alibaba-price", null, null, Rejection.Reason.SOURCE_FAILED, "Throttling.User"),
                new Rejection(null, null, KEY, Rejection.Reason.TOO_FEW_SOURCES, "1 of 2"));
        RoundRecord latest = new RoundRecord(at.plusSeconds(600), 12, 2, List.of("alibaba-price"), 0, 0, 4, rejections);
        rounds.record(latest);

        assertThat(rounds.latest(at)).contains(latest);
        assertThat(rounds.latest(at.plusSeconds(601))).isEmpty();
    }

    @Test
    void aRoundWithMoreRejectionsThanAreKeptSaysHowManyThereWere() {
        PricingRounds rounds = rounds();
        Instant at = day();
        List<Rejection> many = new ArrayList<>();
        for (int i = 0; i < PricingRounds.KEPT_REJECTIONS + 20; i++) {
            many.add(new Rejection("gcp-catalog", "sku-" + i, KEY, Rejection.Reason.STALE, "observed 2 days ago"));
        }
        rounds.record(new RoundRecord(at, many.size(), 1, List.of(), 0, 0, many.size(), many));

        RoundRecord read = rounds.latest(at).orElseThrow();
        assertThat(read.rejectionsTotal()).isEqualTo(PricingRounds.KEPT_REJECTIONS + 20);
        assertThat(read.rejections()).hasSize(PricingRounds.KEPT_REJECTIONS);
        assertThat(read.rejections().get(17).recordId()).isEqualTo("sku-17");
    }
}
