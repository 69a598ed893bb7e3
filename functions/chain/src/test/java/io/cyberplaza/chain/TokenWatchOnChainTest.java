package io.cyberplaza.chain;

import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.core.escrow.EscrowInfo;
import io.cyberplaza.core.escrow.TokenState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the platform reads of the token before it takes money: the issuer's pause and blacklist, and the permit domain. */
@ExtendWith(HardhatExtension.class)
class TokenWatchOnChainTest {
    private final LocalChain chain;

    TokenWatchOnChainTest(LocalChain chain) {
        this.chain = chain;
    }

    @Test
    void theIssuersPauseAndABlacklistedEscrowAreSeenAndReallyStopDeposits() throws Exception {
        EscrowFixture f = new EscrowFixture(chain);
        ChainTokenState state = new ChainTokenState(chain.web3j(), f.deployment.usdc(), f.deployment.escrow());
        assertThat(state.read()).isEqualTo(TokenState.Status.USABLE);

        Credentials buyer = f.fundedPayer(5_000_000);
        f.usdcAs(f.admin).pause().send();
        assertThat(state.read()).isEqualTo(new TokenState.Status(true, false));
        assertThatThrownBy(() -> f.deposit(buyer, EscrowFixture.newOrderId(), 1_000_000)).as("no money moves while the token is paused");
        f.usdcAs(f.admin).unpause().send();

        f.usdcAs(f.admin).setBlacklisted(f.deployment.escrow(), true).send();
        assertThat(state.read()).isEqualTo(new TokenState.Status(false, true));
        assertThatThrownBy(() -> f.deposit(buyer, EscrowFixture.newOrderId(), 1_000_000)).as("a blacklisted escrow receives nothing");
        assertThat(f.usdcBalance(buyer.getAddress())).isEqualTo(BigInteger.valueOf(5_000_000));

        f.usdcAs(f.admin).setBlacklisted(f.deployment.escrow(), false).send();
        assertThat(state.read().usable()).isTrue();
    }

    @Test
    void aTokenAddressThatIsNotATokenIsNoReading() {
        ChainTokenState state = new ChainTokenState(chain.web3j(), chain.newAccount().getAddress(), "0x" + "e5".repeat(20));
        assertThatThrownBy(state::read).hasMessageContaining("does not answer paused()");
    }

    @Test
    void aPermitDomainThatIsNotTheTokensRefusesToStartNamingBoth() throws Exception {
        EscrowFixture f = new EscrowFixture(chain);
        String token = f.deployment.usdc().toLowerCase();
        byte[] tokens = f.usdcAs(f.admin).DOMAIN_SEPARATOR().send();
        assertThat(PermitDomain.separator("Test USDC", "1", chain.chainId(), token)).isEqualTo(tokens);
        assertThatCode(() -> PermitDomain.verify(chain.web3j(), new EscrowInfo(chain.chainId(), f.deployment.escrow(), token, "Test USDC", "1")))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> PermitDomain.verify(chain.web3j(), new EscrowInfo(chain.chainId(), f.deployment.escrow(), token, "USD Coin", "2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"USD Coin\"").hasMessageContaining("\"2\"")
                .hasMessageContaining("name() \"Test USDC\"");
        assertThatThrownBy(() -> PermitDomain.verify(chain.web3j(), new EscrowInfo(chain.chainId() + 1, f.deployment.escrow(), token, "Test USDC", "1")))
                .as("the same name on another chain is another domain").hasMessageContaining("on chain " + (chain.chainId() + 1));
    }
}
