package io.cyberplaza.chain;

import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.DepositRecord;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventHandler;
import io.cyberplaza.core.escrow.ProcessedBlock;
import io.cyberplaza.store.dynamodb.DynamoDbLocalExtension;
import io.cyberplaza.store.dynamodb.DynamoStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Escrow ingestion against a real Hardhat node, with state in DynamoDB Local. */
@ExtendWith({HardhatExtension.class, DynamoDbLocalExtension.class})
class EscrowEventIngestorTest {
    private static final int CONFIRMATIONS = 3;
    private static final long USDC = 1_000_000L;

    private final LocalChain chain;
    private final DynamoStores stores;
    private EscrowFixture f;
    private Credentials payer;
    private long deployedAt;

    EscrowEventIngestorTest(LocalChain chain, DynamoStores stores) {
        this.chain = chain;
        this.stores = stores;
    }

    @BeforeEach
    void deployFreshEscrow() throws Exception {
        f = new EscrowFixture(chain); // a new escrow address means a new cursor: tests never share one
        deployedAt = chain.blockNumber();
        payer = f.fundedPayer(1_000 * USDC);
        f.usdcAs(payer).approve(f.deployment.escrow(), BigInteger.valueOf(1_000 * USDC)).send();
    }

    private EscrowEventIngestor ingestor(EscrowEventHandler handler, int maxBlocks) {
        return new EscrowEventIngestor(chain.web3j(), chain.chainId(), f.deployment.escrow(), stores.cursors(), handler,
                new EscrowEventIngestor.Settings(CONFIRMATIONS, maxBlocks, deployedAt, 64));
    }

    private EscrowEventIngestor ingestor() {
        return ingestor(new LedgerRecorder(stores.deposits()), 500);
    }

    private void deposit(String orderId, long amount) throws Exception {
        f.escrowAs(payer).deposit(payer.getAddress(), OrderIds.toBytes32(orderId), BigInteger.valueOf(amount)).send();
    }

    @Test
    void aDepositIsIngestedOnceItHasItsConfirmationsAndOnlyOnce() throws Exception {
        String orderId = EscrowFixture.newOrderId();
        deposit(orderId, 12 * USDC);
        long depositBlock = chain.blockNumber();

        ingestor().poll();
        assertThat(stores.deposits().findByOrder(orderId)).as("not confirmed yet").isEmpty();

        chain.mine(CONFIRMATIONS - 1);
        ingestor().poll();
        assertThat(stores.deposits().findByOrder(orderId)).as("one confirmation short").isEmpty();

        chain.mine(1);
        EscrowEventIngestor.PollResult result = ingestor().poll();
        assertThat(result.toBlock()).isEqualTo(depositBlock);
        List<DepositRecord> recorded = stores.deposits().findByOrder(orderId);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst().amount()).isEqualTo(12 * USDC);
        assertThat(recorded.getFirst().payer()).isEqualTo(payer.getAddress().toLowerCase());
        assertThat(recorded.getFirst().blockNumber()).isEqualTo(depositBlock);

        // Polling again, or from a second worker, adds nothing.
        chain.mine(2);
        ingestor().poll();
        ingestor().poll();
        assertThat(stores.deposits().findByOrder(orderId)).hasSize(1);
        assertThat(stores.cursors().load(ingestor().cursorId()).orElseThrow().lastBlock())
                .isEqualTo(chain.blockNumber() - CONFIRMATIONS);
    }

    @Test
    void everyProcessedBlockIsStoredWithItsHashAndEvents() throws Exception {
        String orderId = EscrowFixture.newOrderId();
        deposit(orderId, 2 * USDC);
        deposit(orderId, 3 * USDC);
        chain.mine(CONFIRMATIONS);
        ingestor(new LedgerRecorder(stores.deposits()), 2).poll(); // a small range: several polls needed
        while (ingestor().poll().toBlock() >= 0 && stores.cursors().load(ingestor().cursorId()).orElseThrow().lastBlock()
                < chain.blockNumber() - CONFIRMATIONS) {
            // keep reading
        }
        long last = chain.blockNumber() - CONFIRMATIONS;
        for (long n = deployedAt; n <= last; n++) {
            ProcessedBlock block = stores.cursors().block(ingestor().cursorId(), n).orElseThrow();
            String canonical = chain.web3j().ethGetBlockByNumber(
                    org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false).send().getBlock().getHash();
            assertThat(block.hash()).isEqualTo(canonical);
        }
        assertThat(stores.deposits().totalFor(orderId)).isEqualTo(5 * USDC);
        long eventsStored = stores.cursors().blocksAbove(ingestor().cursorId(), deployedAt - 1).stream()
                .mapToLong(b -> b.events().size()).sum();
        assertThat(eventsStored).isEqualTo(2);
    }

    @Test
    void aReorgThatReplacesADepositUndoesItAndIngestsTheReplacement() throws Exception {
        String orderId = EscrowFixture.newOrderId();
        String fork = chain.snapshot();
        deposit(orderId, 5 * USDC);
        chain.mine(CONFIRMATIONS + 1);
        ingestor().poll();
        assertThat(stores.deposits().findByOrder(orderId)).extracting(DepositRecord::amount).containsExactly(5 * USDC);
        long tipBefore = stores.cursors().load(ingestor().cursorId()).orElseThrow().lastBlock();

        // The chain drops those blocks and grows a longer branch where the deposit is different.
        chain.revert(fork);
        deposit(orderId, 7 * USDC);
        chain.mine(CONFIRMATIONS + 4);

        EscrowEventIngestor.PollResult result = ingestor().poll();
        assertThat(result.blocksUndone()).isPositive();
        List<DepositRecord> recorded = stores.deposits().findByOrder(orderId);
        assertThat(recorded).extracting(DepositRecord::amount).containsExactly(7 * USDC);
        assertThat(stores.cursors().load(ingestor().cursorId()).orElseThrow().lastBlock()).isGreaterThan(tipBefore);
        // Every stored block is on the new branch.
        for (ProcessedBlock block : stores.cursors().blocksAbove(ingestor().cursorId(), deployedAt - 1)) {
            String canonical = chain.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(
                    BigInteger.valueOf(block.number())), false).send().getBlock().getHash();
            assertThat(block.hash()).as("block %d", block.number()).isEqualTo(canonical);
        }
    }

    @Test
    void aReorgToAShorterChainWaitsForTheNewBranchToBeConfirmed() throws Exception {
        String orderId = EscrowFixture.newOrderId();
        String fork = chain.snapshot();
        deposit(orderId, 4 * USDC);
        chain.mine(CONFIRMATIONS);
        ingestor().poll();
        assertThat(stores.deposits().findByOrder(orderId)).hasSize(1);

        chain.revert(fork); // the deposit's branch is gone and nothing replaced it yet
        ingestor().poll();
        assertThat(stores.deposits().findByOrder(orderId)).isEmpty();
    }

    @Test
    void aCrashBetweenApplyingAndAdvancingIsRepeatedWithoutDoubleCounting() throws Exception {
        String orderId = EscrowFixture.newOrderId();
        deposit(orderId, USDC);
        deposit(orderId, 2 * USDC);
        deposit(orderId, 4 * USDC);
        chain.mine(CONFIRMATIONS);

        LedgerRecorder recorder = new LedgerRecorder(stores.deposits());
        AtomicInteger applied = new AtomicInteger();
        EscrowEventHandler crashesOnSecond = new EscrowEventHandler() {
            @Override
            public void apply(EscrowEvent event) {
                if (applied.incrementAndGet() == 2) throw new IllegalStateException("worker killed");
                recorder.apply(event);
            }

            @Override
            public void undo(EscrowEvent event) {
                recorder.undo(event);
            }
        };
        assertThatThrownBy(() -> ingestor(crashesOnSecond, 500).poll()).hasMessageContaining("worker killed");
        assertThat(stores.deposits().totalFor(orderId)).isEqualTo(USDC);

        ingestor().poll();
        assertThat(stores.deposits().findByOrder(orderId)).extracting(DepositRecord::amount)
                .containsExactly(USDC, 2 * USDC, 4 * USDC);
    }

    @Test
    void blocksLeftByACrashedPollAreUndoneIfTheChainReorganisedThemAway() throws Exception {
        String orderId = EscrowFixture.newOrderId();
        String fork = chain.snapshot();
        deposit(orderId, 3 * USDC);
        chain.mine(CONFIRMATIONS);
        EscrowEventHandler crashesAfterApplying = new EscrowEventHandler() {
            private final LedgerRecorder recorder = new LedgerRecorder(stores.deposits());

            @Override
            public void apply(EscrowEvent event) {
                recorder.apply(event);
                throw new IllegalStateException("worker killed after applying");
            }

            @Override
            public void undo(EscrowEvent event) {
                recorder.undo(event);
            }
        };
        assertThatThrownBy(() -> ingestor(crashesAfterApplying, 500).poll()).isInstanceOf(IllegalStateException.class);
        assertThat(stores.deposits().findByOrder(orderId)).hasSize(1);

        chain.revert(fork);
        chain.mine(CONFIRMATIONS + 2);
        ingestor().poll();
        assertThat(stores.deposits().findByOrder(orderId)).as("the deposit exists on no branch any more").isEmpty();
    }

    /** Only the ledger's part of the router, so the ingestor is tested alone. */
    private record LedgerRecorder(DepositLedger ledger) implements EscrowEventHandler {
        @Override
        public void apply(EscrowEvent event) {
            if (event instanceof EscrowEvent.Deposited deposited) ledger.record(DepositRecord.of(deposited));
        }

        @Override
        public void undo(EscrowEvent event) {
            if (event instanceof EscrowEvent.Deposited deposited) ledger.remove(deposited.key(), deposited.blockHash());
        }
    }
}
