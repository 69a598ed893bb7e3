package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.PriceFeed;
import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.pricing.FeedPolicy;
import io.cyberplaza.core.pricing.FeedUpdater;
import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;
import io.cyberplaza.store.dynamodb.DynamoStores;
import io.cyberplaza.store.dynamodb.DynamoDbLocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PriceFeed contract on a Hardhat node, updated by the oracle's feed policy through the transaction sender. */
@ExtendWith({HardhatExtension.class, DynamoDbLocalExtension.class})
class PriceFeedOnChainTest {
    private static final PriceKey VCPU = new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "");

    private final LocalChain chain;
    private final DynamoStores stores;

    PriceFeedOnChainTest(LocalChain chain, DynamoStores stores) {
        this.chain = chain;
        this.stores = stores;
    }

    private long rounds(PriceFeed feed) throws Exception {
        return feed.latestRound().send().longValueExact();
    }

    @Test
    void theFeedMovesOnlyOnAMoveOfMoreThanFivePercentOrTheHeartbeat() throws Exception {
        EscrowFixture f = new EscrowFixture(chain);
        Credentials oracle = f.admin;
        PriceFeed feed = PriceFeed.deploy(chain.web3j(), f.deployer.transactionManager(oracle), f.deployer.gasProvider(),
                BigInteger.valueOf(6), "micro-USD per vCPU-hour, us-east", oracle.getAddress(), oracle.getAddress()).send();
        TransactionSender sender = new TransactionSender(chain.web3j(), oracle, chain.chainId(), stores.outbox(),
                TransactionSender.Settings.defaults(), new MutableClock(), "oracle");
        ChainPriceFeeds feeds = new ChainPriceFeeds(chain.web3j(), sender, Map.of(VCPU.toString(), feed.getContractAddress()));
        FeedUpdater updater = new FeedUpdater(feeds, FeedPolicy.defaults());

        assertThat(feed.decimals().send().intValue()).isEqualTo(6);
        assertThat(feed.description().send()).isEqualTo("micro-USD per vCPU-hour, us-east");
        assertThat(feed.version().send().intValue()).isEqualTo(1);
        assertThat(feeds.latest(VCPU)).isEmpty();

        assertThat(publish(updater, 20_000)).as("the first price").isEqualTo(1);
        chain.advanceTime(Duration.ofHours(1));
        assertThat(publish(updater, 20_800)).as("+4 %").isZero();
        chain.advanceTime(Duration.ofHours(1));
        assertThat(publish(updater, 21_250)).as("+6.25 %").isEqualTo(1);
        chain.advanceTime(Duration.ofHours(1));
        assertThat(publish(updater, 20_200)).as("-4.9 %").isZero();
        chain.advanceTime(Duration.ofHours(22));
        assertThat(publish(updater, 21_300)).as("+0.2 %, 23 h after the last answer").isZero();
        chain.advanceTime(Duration.ofHours(1));
        assertThat(publish(updater, 21_300)).as("the heartbeat: 24 h after the last answer").isEqualTo(1);

        assertThat(rounds(feed)).isEqualTo(3);
        var latest = feed.latestRoundData().send();
        assertThat(latest.component1().longValueExact()).isEqualTo(3);
        assertThat(latest.component2().longValueExact()).isEqualTo(21_300);
        assertThat(latest.component5()).isEqualTo(latest.component1());
        assertThat(feed.getRoundData(BigInteger.TWO).send().component2().longValueExact()).isEqualTo(21_250);
        assertThat(feeds.latest(VCPU)).get().satisfies(round -> assertThat(round.microUsd()).isEqualTo(21_300));

        // The same observation published again is the same outbox entry: nothing more is sent.
        Instant last = feeds.latest(VCPU).orElseThrow().observedAt();
        feeds.publish(VCPU, 21_300, last);
        assertThat(rounds(feed)).isEqualTo(3);
    }

    @Test
    void onlyTheOracleMayUpdateAndOnlyWithPositiveNewerAnswers() throws Exception {
        EscrowFixture f = new EscrowFixture(chain);
        Credentials stranger = chain.newAccount();
        PriceFeed feed = PriceFeed.deploy(chain.web3j(), f.deployer.transactionManager(f.admin), f.deployer.gasProvider(),
                BigInteger.valueOf(6), "micro-USD per GPU-hour, us-east, h100", f.admin.getAddress(), f.admin.getAddress()).send();
        PriceFeed asStranger = PriceFeed.load(feed.getContractAddress(), chain.web3j(), f.deployer.transactionManager(stranger),
                f.deployer.gasProvider());
        BigInteger now = BigInteger.valueOf(chain.latestTimestamp());

        assertThatThrownBy(() -> asStranger.update(BigInteger.valueOf(12_290_000), now).send()).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> feed.update(BigInteger.ZERO, now).send()).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> feed.latestRoundData().send()).as("no data before the first round").isInstanceOf(Exception.class);
        feed.update(BigInteger.valueOf(12_290_000), now).send();
        assertThatThrownBy(() -> feed.update(BigInteger.valueOf(12_300_000), now).send()).as("not newer").isInstanceOf(Exception.class);
        assertThatThrownBy(() -> feed.update(BigInteger.valueOf(12_300_000), now.add(BigInteger.valueOf(3_600))).send())
                .as("in the future").isInstanceOf(Exception.class);
        assertThat(feed.latestRound().send().longValueExact()).isEqualTo(1);
    }

    private int publish(FeedUpdater updater, long microUsd) {
        Instant now = Instant.ofEpochSecond(chain.latestTimestamp());
        return updater.publish(List.of(new PriceAggregator.Price(VCPU, microUsd, 3, List.of("a", "b", "c"))), now);
    }
}
