package io.cyberplaza.runtime.wiring;

import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.chain.ve.ChainVe;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.rewards.SettledSpends;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.ve.FeeDiscounts;
import io.cyberplaza.core.ve.FeeSplitRun;
import io.cyberplaza.core.ve.VeView;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.web3j.protocol.Web3j;

import java.time.Clock;
import java.time.Duration;

/**
 * veCPT ({@code cyberplaza.ve.*}): the buyer's fee discount on quotes, {@code GET /ve}, and the weekly
 * fee split, which the rewards function runs with the rewards publisher's key (the splitter's role
 * is granted to it: it can only split a week once into governance's destinations).
 */
@Factory
@Requires(property = "cyberplaza.ve.vote-escrow")
public class VeWiring {

    @Singleton
    ChainVe chainVe(Web3j web3j, @Named(CoreAdapters.REWARDS_PUBLISHER) BeanProvider<TransactionSender> splitter, TransactionOutbox outbox,
                    @Value("${cyberplaza.ve.vote-escrow}") String voteEscrow,
                    @Value("${cyberplaza.ve.fee-distributor}") String feeDistributor,
                    @Value("${cyberplaza.ve.fee-splitter}") String feeSplitter,
                    @Value("${cyberplaza.chain.escrow}") String escrow,
                    @Value("${cyberplaza.chain.token}") String usdc) {
        return new ChainVe(web3j, splitter::get, outbox, voteEscrow, feeDistributor, feeSplitter, escrow, usdc);
    }

    @Singleton
    FeeDiscounts feeDiscounts(ChainVe chain, Clock clock) {
        return new FeeDiscounts(chain, FeeDiscounts.WHITEPAPER_TIERS, clock);
    }

    @Singleton
    VeView veView(ChainVe chain, FeeDiscounts discounts, @Value("${cyberplaza.ve.vote-escrow}") String voteEscrow,
                  @Value("${cyberplaza.ve.fee-distributor}") String feeDistributor) {
        return new VeView(chain, discounts, new VeView.Contracts(voteEscrow.toLowerCase(), feeDistributor.toLowerCase()));
    }

    /** Waits as long after a week's end as the rewards do after an epoch's: the last payouts are recorded by then. */
    @Singleton
    FeeSplitRun feeSplitRun(ChainVe chain, SettlementRepository settlements, DisputeRepository disputes, ProviderRepository providers,
                            @Value("${cyberplaza.rewards.settle-delay:1h}") Duration settleDelay, Clock clock) {
        return new FeeSplitRun(chain, new SettledSpends(settlements, disputes, providers), settleDelay, clock);
    }
}
