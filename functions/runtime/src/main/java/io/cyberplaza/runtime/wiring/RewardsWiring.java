package io.cyberplaza.runtime.wiring;

import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.chain.rewards.ChainRewards;
import io.cyberplaza.chain.rewards.FeedCptPrice;
import io.cyberplaza.chain.rewards.MerkleRewardTrees;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.rewards.CptPrice;
import io.cyberplaza.core.rewards.RewardRules;
import io.cyberplaza.core.rewards.RewardSchedule;
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.core.rewards.RewardsChain;
import io.cyberplaza.core.rewards.RewardsRun;
import io.cyberplaza.core.rewards.SettledSpends;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.web3j.protocol.Web3j;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The CPT rewards: the contracts (the reserve and the distributor, {@code cyberplaza.rewards.*}),
 * the rules and schedule an epoch is computed with, and the CPT price it converts at.
 */
@Factory
@Requires(property = "cyberplaza.rewards.distributor")
public class RewardsWiring {

    @Singleton
    RewardsChain rewardsChain(Web3j web3j, @Named(CoreAdapters.REWARDS_PUBLISHER) BeanProvider<TransactionSender> publisher,
                              TransactionOutbox outbox,
                              @Value("${cyberplaza.rewards.reserve}") String reserve,
                              @Value("${cyberplaza.rewards.distributor}") String distributor) {
        return new ChainRewards(web3j, publisher::get, outbox, reserve, distributor);
    }

    /**
     * The whitepaper's rates by default. The base release spreads the buyers' and providers' 45 M CPT
     * over four years of weekly epochs; the target is the weekly GMV at which an epoch releases all of it.
     */
    @Singleton
    RewardRules rewardRules(@Value("${cyberplaza.rewards.buyer-bps:100}") int buyerBps,
                            @Value("${cyberplaza.rewards.buyer-certified-bps:300}") int buyerCertifiedBps,
                            @Value("${cyberplaza.rewards.provider-bps:200}") int providerBps,
                            @Value("${cyberplaza.rewards.provider-certified-bps:500}") int providerCertifiedBps,
                            @Value("${cyberplaza.rewards.base-release:216346000000000000000000}") BigInteger baseRelease,
                            @Value("${cyberplaza.rewards.target-gmv-micro-usdc:1000000000000}") long targetGmv) {
        // The price is read when an epoch is computed; this one only satisfies the record's checks.
        return new RewardRules(buyerBps, buyerCertifiedBps, providerBps, providerCertifiedBps, 1, baseRelease, targetGmv);
    }

    @Singleton
    RewardSchedule rewardSchedule(@Value("${cyberplaza.rewards.genesis}") String genesis,
                                  @Value("${cyberplaza.rewards.epoch-length:7d}") Duration epochLength,
                                  @Value("${cyberplaza.rewards.settle-delay:1h}") Duration settleDelay) {
        return new RewardSchedule(Instant.parse(genesis), epochLength, settleDelay);
    }

    /** The CPT/USD feed where one is configured; a fixed price only where a deployment says so (the local stack). */
    @Singleton
    CptPrice cptPrice(Web3j web3j, Clock clock, @Nullable @Value("${cyberplaza.rewards.cpt-usd-feed:}") String feed,
                      @Value("${cyberplaza.rewards.cpt-usd-feed-max-age:25h}") Duration maxAge,
                      @Value("${cyberplaza.rewards.fixed-cpt-price-micro-usd:0}") long fixedPrice) {
        if (feed != null && !feed.isBlank()) return new FeedCptPrice(web3j, feed, maxAge, clock);
        if (fixedPrice <= 0) throw new IllegalStateException("cyberplaza.rewards needs a cpt-usd-feed or a fixed-cpt-price-micro-usd");
        return () -> fixedPrice;
    }

    @Singleton
    RewardsRun rewardsRun(RewardStore store, RewardsChain chain, SettlementRepository settlements, DisputeRepository disputes,
                          ProviderRepository providers, RewardSchedule schedule, RewardRules rules, CptPrice price, Clock clock) {
        return new RewardsRun(store, chain, new MerkleRewardTrees(), new SettledSpends(settlements, disputes, providers), schedule, rules,
                price, clock);
    }
}
