package io.cyberplaza.local;

import io.cyberplaza.chain.HardhatNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's reorganisations on a real node: the doomed block replaced, its transactions mined again or removed. */
class ChainReorgsTest {
    private static HardhatNode node;

    @BeforeAll
    static void startNode() throws Exception {
        Path contracts = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts"));
        node = HardhatNode.start(contracts, Files.createTempDirectory("reorgs").resolve("node.log"));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void theLatestBlockIsReplacedItsTransactionsMinedAgainAndADroppableDepositRemovedWithItsSender() throws Exception {
        Credentials kept = node.newFundedAccount();
        Credentials dropped = node.newFundedAccount();
        ChainReorgs reorgs = new ChainReorgs(node, new Faults(EnumSet.of(Faults.Kind.REORG), 1));

        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                // Sent while the reorganisation holds mining: both land in the doomed block.
                Thread.sleep(200);
                String keptTx = send(kept, 0, false);
                String first = send(dropped, 0, false);
                String second = send(dropped, 1, true);
                reorgs.droppable(first);
                reorgs.droppable(second);
                hashes = new String[] {keptTx, first, second};
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ChainReorgs.Reorganisation done = reorgs.reorganise().orElseThrow();
        sender.join();
        String now = node.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(done.height()), false).send().getBlock().getHash();
        assertThat(now).as("another block at the doomed height").isNotEqualTo(done.replacedBlock());
        assertThat(done.minedAgain() + done.removed()).isEqualTo(3);

        assertThat(node.web3j().ethGetTransactionReceipt(hashes[0]).send().getTransactionReceipt())
                .as("a transaction of the doomed block is mined again").isPresent();
        boolean firstGone = node.web3j().ethGetTransactionReceipt(hashes[1]).send().getTransactionReceipt().isEmpty();
        boolean secondGone = node.web3j().ethGetTransactionReceipt(hashes[2]).send().getTransactionReceipt().isEmpty();
        assertThat(reorgs.dropped(hashes[1])).isEqualTo(firstGone);
        assertThat(reorgs.dropped(hashes[2])).isEqualTo(secondGone);
        assertThat(firstGone).as("this seed removes the droppable deposit").isTrue();
        assertThat(secondGone).as("a sender's later transaction cannot be mined without its earlier one").isTrue();
        BigInteger nonce = node.web3j().ethGetTransactionCount(dropped.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
        assertThat(nonce.intValueExact()).as("the chain and the sender's nonce agree").isEqualTo((firstGone ? 0 : 1) + (secondGone ? 0 : 1));
    }

    private static volatile String[] hashes;

    /** A plain transfer, as an EIP-1559 or a legacy transaction, so both are rebuilt from the node's description. */
    private static String send(Credentials from, long nonce, boolean legacy) throws Exception {
        RawTransaction raw = legacy
                ? RawTransaction.createEtherTransaction(BigInteger.valueOf(nonce), BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(21_000),
                        from.getAddress(), BigInteger.ONE)
                : RawTransaction.createEtherTransaction(HardhatNode.CHAIN_ID, BigInteger.valueOf(nonce), BigInteger.valueOf(21_000),
                        from.getAddress(), BigInteger.ONE, BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(3_000_000_000L));
        byte[] signed = legacy ? TransactionEncoder.signMessage(raw, HardhatNode.CHAIN_ID, from) : TransactionEncoder.signMessage(raw, from);
        var sent = node.web3j().ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (sent.hasError()) throw new IllegalStateException(sent.getError().getMessage());
        return sent.getTransactionHash();
    }
}
