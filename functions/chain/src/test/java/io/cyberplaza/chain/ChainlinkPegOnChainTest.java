package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.PriceFeed;
import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The peg read from a USDC/USD aggregator with Chainlink's 8 decimals on a Hardhat node. */
@ExtendWith(HardhatExtension.class)
class ChainlinkPegOnChainTest {
    private final LocalChain chain;

    ChainlinkPegOnChainTest(LocalChain chain) {
        this.chain = chain;
    }

    private Instant chainTime() {
        return Instant.ofEpochSecond(chain.latestTimestamp());
    }

    private ChainlinkPeg pegAt(PriceFeed feed, Instant now) {
        return new ChainlinkPeg(chain.web3j(), feed.getContractAddress(), Duration.ofHours(25), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theAnswerIsReadInMicroUsdAndAnOldOneIsNoReading() throws Exception {
        EscrowFixture f = new EscrowFixture(chain);
        PriceFeed feed = PriceFeed.deploy(chain.web3j(), f.deployer.transactionManager(f.admin), f.deployer.gasProvider(),
                BigInteger.valueOf(8), "USDC / USD", f.admin.getAddress(), f.admin.getAddress()).send();
        ChainlinkPeg peg = pegAt(feed, chainTime());

        assertThatThrownBy(peg::read).as("a feed without a round").hasMessageContaining("could not be read");

        feed.update(BigInteger.valueOf(99_987_123L), BigInteger.valueOf(chainTime().getEpochSecond())).send();
        peg = pegAt(feed, chainTime());
        assertThat(peg.read().usdPerUsdcMicros()).isEqualTo(999_872L);   // 0.99987123 rounded toward par
        assertThat(peg.read().holds()).isTrue();

        chain.advanceTime(Duration.ofHours(1));
        feed.update(BigInteger.valueOf(99_400_000L), BigInteger.valueOf(chainTime().getEpochSecond())).send();
        peg = pegAt(feed, chainTime());
        assertThat(peg.read().usdPerUsdcMicros()).isEqualTo(994_000L);
        assertThat(peg.read().holds()).as("0.6 % under").isFalse();

        assertThatThrownBy(pegAt(feed, chainTime().plus(Duration.ofHours(26)))::read).hasMessageContaining("older than");
    }

    @Test
    void scalingRoundsTowardOneDollar() {
        assertThat(ChainlinkPeg.toMicros(BigInteger.valueOf(100_000_001L), 8)).isEqualTo(1_000_000L);
        assertThat(ChainlinkPeg.toMicros(BigInteger.valueOf(99_999_999L), 8)).isEqualTo(1_000_000L);
        assertThat(ChainlinkPeg.toMicros(BigInteger.valueOf(1_000_000L), 6)).isEqualTo(1_000_000L);
        assertThat(ChainlinkPeg.toMicros(BigInteger.valueOf(9_990L), 4)).isEqualTo(999_000L);
        assertThat(ChainlinkPeg.toMicros(new BigInteger("999700000000000000"), 18)).isEqualTo(999_700L);
    }
}
