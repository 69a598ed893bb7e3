package io.cyberplaza.core.rewards;

import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orders whose money became final in a window, as rewards count them. An order's money is final
 * when its payout is released (the dispute window closed) with no dispute pending; a disputed one
 * when the later of its release and its dispute's end. Each order is final at exactly one moment, so
 * it falls in exactly one epoch.
 *
 * <p>What counts is what stayed spent: the provider's kept payout plus the fee. A refund never
 * counts, a resolved dispute counts what the provider kept, and an order paid by a coupon settles
 * with nothing charged, so it counts nothing. A provider is certified if its profile carries the
 * certification when the epoch is computed.
 */
public final class SettledSpends {
    private final SettlementRepository settlements;
    private final DisputeRepository disputes;
    private final ProviderRepository providers;

    public SettledSpends(SettlementRepository settlements, DisputeRepository disputes, ProviderRepository providers) {
        this.settlements = settlements;
        this.disputes = disputes;
        this.providers = providers;
    }

    /** The spends final in {@code [from, to)}, epoch seconds. */
    public List<SettledSpend> between(long from, long to) {
        Map<String, Boolean> certified = new HashMap<>();
        Map<String, SettledSpend> spends = new HashMap<>();
        for (Settlement settlement : settlements.findConfirmedReleasedBetween(from, to)) {
            Optional<Dispute> dispute = disputes.find(Dispute.idOf(settlement.orderId()));
            if (dispute.isPresent() && finalAt(settlement, dispute.get()).map(at -> at != settlement.releaseAt()).orElse(true)) continue;
            spend(settlement, dispute, certified).ifPresent(spend -> spends.put(spend.orderId(), spend));
        }
        for (Dispute.DisputeStatus ended : List.of(Dispute.DisputeStatus.RESOLVED, Dispute.DisputeStatus.REFUSED)) {
            for (Dispute dispute : disputes.findByStatus(ended)) {
                long endedAt = dispute.updatedAt().getEpochSecond();
                if (endedAt < from || endedAt >= to) continue;
                settlements.find(dispute.orderId())
                        .filter(settlement -> settlement.status() == SettlementStatus.CONFIRMED)
                        .filter(settlement -> finalAt(settlement, dispute).orElse(-1L) == endedAt)
                        .flatMap(settlement -> spend(settlement, Optional.of(dispute), certified))
                        .ifPresent(spend -> spends.put(spend.orderId(), spend));
            }
        }
        return List.copyOf(spends.values());
    }

    /** When the order's money became final, if it has: the later of its release and its dispute's end. */
    private static Optional<Long> finalAt(Settlement settlement, Dispute dispute) {
        if (!dispute.status().isFinal()) return Optional.empty();
        return Optional.of(Math.max(settlement.releaseAt(), dispute.updatedAt().getEpochSecond()));
    }

    private Optional<SettledSpend> spend(Settlement settlement, Optional<Dispute> dispute, Map<String, Boolean> certified) {
        if (settlement.provider() == null) return Optional.empty();
        long kept = dispute.filter(d -> d.status() == Dispute.DisputeStatus.RESOLVED && d.resolution() != null)
                .map(d -> d.resolution().toProvider()).orElse(settlement.providerAmount());
        long spent = Math.addExact(kept, settlement.fee());
        boolean isCertified = certified.computeIfAbsent(settlement.provider(),
                provider -> providers.find(provider).map(Provider::certified).orElse(false));
        return Optional.of(new SettledSpend(settlement.orderId(), settlement.owner(), settlement.provider(), spent, isCertified, settlement.fee()));
    }
}
