package io.cyberplaza.core.fakes;

import io.cyberplaza.core.pricing.PricingRounds;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

public final class InMemoryPricingRounds implements PricingRounds {
    private final CopyOnWriteArrayList<RoundRecord> rounds = new CopyOnWriteArrayList<>();

    @Override
    public void record(RoundRecord round) {
        rounds.removeIf(kept -> kept.at().equals(round.at()));
        rounds.add(round);
    }

    @Override
    public Optional<RoundRecord> latest(Instant since) {
        return rounds.stream().filter(round -> !round.at().isBefore(since)).max(Comparator.comparing(RoundRecord::at));
    }
}
