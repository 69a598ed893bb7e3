package io.cyberplaza.api.web;

import io.cyberplaza.core.rewards.EpochRecord;
import io.cyberplaza.core.rewards.RewardsView;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The rewards API's bodies. CPT is in base units (18 decimals) and USDC in micro-USDC, as decimal strings. */
public final class RewardsDtos {
    private RewardsDtos() {
    }

    @Serdeable
    @Schema(name = "Rewards", description = "The caller's CPT rewards")
    public record AccountView(String account,
                              @Schema(description = "CPT base units earned in every computed epoch, claimable or not yet") String earned,
                              @Schema(description = "CPT base units the distributor has paid the account") String claimed,
                              @Schema(description = "CPT base units the claimable tree owes the account beyond what it claimed") String claimable,
                              @Schema(description = "How to claim it, absent when there is nothing to claim", nullable = true) ClaimView claim,
                              List<EpochShareView> epochs) {
        static AccountView of(RewardsView.AccountRewards rewards) {
            ClaimView claim = rewards.claim() == null ? null : new ClaimView(rewards.claim().distributor(), rewards.claim().epoch(),
                    rewards.claim().account(), rewards.claim().cumulative().toString(), rewards.claim().proof());
            return new AccountView(rewards.account(), rewards.earned().toString(), rewards.claimed().toString(),
                    rewards.claimable().toString(), claim, rewards.epochs().stream()
                    .map(share -> new EpochShareView(share.epoch(), share.stage().name(), share.earned().toString(), share.cumulative().toString()))
                    .toList());
        }
    }

    @Serdeable
    @Schema(name = "RewardsClaim", description = "The arguments of the distributor's claim(account, cumulative, proof); anyone may send it")
    public record ClaimView(String distributor, long epoch, String account,
                            @Schema(description = "The account's total ever earned, as the claimable tree holds it") String cumulative,
                            List<String> proof) {
    }

    @Serdeable
    @Schema(name = "RewardsEpochShare")
    public record EpochShareView(long epoch,
                                 @Schema(description = "COMPUTED, FUNDED, PROPOSED, ACCEPTED (claimable) or REVOKED") String stage,
                                 String earned, String cumulative) {
    }

    @Serdeable
    @Schema(name = "RewardsEpoch", description = "A rewards epoch: its window, its tree, its totals and the rules it ran with")
    public record EpochView(long epoch, String stage, Instant from, Instant to, String root, int accounts, int orders,
                            @Schema(description = "Micro-USDC that stayed spent in the epoch's orders") String gmv,
                            String buyers, String providers, String distributed,
                            @Schema(description = "What the epoch could distribute: the carry in, plus what its GMV unlocked") String allowance,
                            String carryIn, String carryOut, Rates rates,
                            @Schema(description = "When its root becomes claimable, once proposed", nullable = true) Instant claimableAt) {
        static EpochView of(EpochRecord record) {
            var rules = record.rules();
            return new EpochView(record.epoch(), record.stage().name(), Instant.ofEpochSecond(record.fromSecond()),
                    Instant.ofEpochSecond(record.toSecond()), record.root(), record.accounts(), record.orders(),
                    Long.toString(record.gmvMicroUsdc()), record.buyers().toString(), record.providers().toString(),
                    record.distributed().toString(), record.allowance().toString(), record.carryIn().toString(), record.carryOut().toString(),
                    new Rates(rules.buyerBps(), rules.buyerCertifiedBps(), rules.providerBps(), rules.providerCertifiedBps(),
                            Long.toString(rules.cptPriceMicroUsd()), rules.baseRelease().toString(), Long.toString(rules.targetGmvMicroUsdc())),
                    record.claimableAt() == 0 ? null : Instant.ofEpochSecond(record.claimableAt()));
        }
    }

    @Serdeable
    @Schema(name = "RewardsRates")
    public record Rates(int buyerBps, int buyerCertifiedBps, int providerBps, int providerCertifiedBps,
                        @Schema(description = "The CPT price the epoch converted at, micro-USD") String cptPriceMicroUsd,
                        @Schema(description = "CPT base units each epoch adds to what may be distributed") String baseRelease,
                        @Schema(description = "The epoch's GMV (micro-USDC) that releases the whole base") String targetGmv) {
    }
}
