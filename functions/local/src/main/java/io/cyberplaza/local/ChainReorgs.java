package io.cyberplaza.local;

import io.cyberplaza.chain.HardhatNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chain reorganisations on the local node, one block deep (shallower than the confirmations the
 * functions wait for): the latest block is mined, seen by whoever looks, and replaced by different
 * blocks. Its transactions are mined again in the new blocks, except deposits the soak marked
 * droppable, which the reorganisation removes for good (with the later transactions of their sender,
 * which could not be mined without them), as a wallet whose transaction an uncle swallowed sees it.
 */
final class ChainReorgs {
    private static final Logger log = LoggerFactory.getLogger(ChainReorgs.class);
    private static final int INTERVAL_MINING_MS = 1_000;

    private final HardhatNode node;
    private final Web3j web3j;
    private final Faults faults;
    private final Set<String> droppable = ConcurrentHashMap.newKeySet();
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();

    ChainReorgs(HardhatNode node, Faults faults) {
        this.node = node;
        this.web3j = node.web3j();
        this.faults = faults;
    }

    /** A deposit the next reorganisation may remove: its sender notices and pays again. */
    void droppable(String transactionHash) {
        droppable.add(transactionHash.toLowerCase());
    }

    /** How many transactions reorganisations removed for good. */
    int removed() {
        return dropped.size();
    }

    /** Whether a reorganisation removed this transaction for good. */
    boolean dropped(String transactionHash) {
        return dropped.contains(transactionHash.toLowerCase());
    }

    /** What one reorganisation did: the height and hash of the block it replaced, what it mined again and removed. */
    record Reorganisation(BigInteger height, String replacedBlock, int minedAgain, int removed) {
    }

    /** One reorganisation; empty when the doomed block's transactions could not all be rebuilt (then nothing is undone). */
    synchronized Optional<Reorganisation> reorganise() throws IOException, InterruptedException {
        try {
            node.rpc("evm_setIntervalMining", 0);
            node.rpc("evm_setAutomine", false);
            String snapshot = (String) node.rpc("evm_snapshot");
            Thread.sleep(800 + faults.nextInt(1_000));
            node.rpc("evm_mine");
            // Long enough for the functions and the wallets to see the doomed block.
            Thread.sleep(200 + faults.nextInt(300));
            BigInteger height = web3j.ethBlockNumber().send().getBlockNumber();
            EthBlock.Block doomedBlock = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(height), true).send().getBlock();
            List<Transaction> doomed = new ArrayList<>(doomedBlock.getTransactions().stream().map(result -> (Transaction) result.get()).toList());
            doomed.addAll(transactions(DefaultBlockParameter.valueOf("pending")));
            Map<String, String> raw = new HashMap<>();
            for (Transaction tx : doomed) {
                Optional<String> rebuilt = rebuild(tx);
                if (rebuilt.isEmpty()) {
                    log.warn("transaction {} could not be rebuilt; no reorganisation this time", tx.getHash());
                    return Optional.empty();
                }
                raw.put(tx.getHash(), rebuilt.get());
            }
            Set<String> removed = chooseRemoved(doomed);
            if (!Boolean.TRUE.equals(node.rpc("evm_revert", snapshot))) {
                log.warn("the node did not revert to its snapshot; no reorganisation this time");
                return Optional.empty();
            }
            // Known at once: a payer asking whether its deposit is gone must not wait for the re-sends.
            dropped.addAll(removed);
            // A different block at the doomed height, then the survivors in the next one.
            node.rpc("evm_mine");
            List<Transaction> survivors = new ArrayList<>(doomed.stream().filter(tx -> !removed.contains(tx.getHash().toLowerCase())).toList());
            Collections.shuffle(survivors, new java.util.Random(faults.nextInt(Integer.MAX_VALUE)));
            survivors.sort(Comparator.comparing(Transaction::getFrom).thenComparing(Transaction::getNonce));
            int minedAgain = 0;
            for (Transaction tx : survivors) {
                var sent = web3j.ethSendRawTransaction(raw.get(tx.getHash())).send();
                if (sent.hasError()) {
                    // Its sender signed another with the same nonce meanwhile: this one is gone as well.
                    log.info("transaction {} was not taken again: {}", tx.getHash(), sent.getError().getMessage());
                    dropped.add(tx.getHash().toLowerCase());
                } else {
                    minedAgain++;
                }
            }
            node.rpc("evm_mine");
            faults.injectedOne(Faults.Kind.REORG);
            log.info("reorganised one block: {} transactions mined again, {} removed", minedAgain, survivors.size() - minedAgain + removed.size());
            return Optional.of(new Reorganisation(height, doomedBlock.getHash(), minedAgain, survivors.size() - minedAgain + removed.size()));
        } finally {
            restore("evm_setAutomine", true);
            restore("evm_setIntervalMining", INTERVAL_MINING_MS);
        }
    }

    private void restore(String method, Object value) {
        try {
            node.rpc(method, value);
        } catch (IOException e) {
            log.error("{} could not be restored on the node", method, e);
        }
    }

    /** About two in three of the droppable deposits, each with its sender's later transactions. */
    private Set<String> chooseRemoved(List<Transaction> doomed) {
        Map<String, List<Transaction>> bySender = new HashMap<>();
        for (Transaction tx : doomed) bySender.computeIfAbsent(tx.getFrom(), k -> new ArrayList<>()).add(tx);
        Set<String> removed = new HashSet<>();
        for (List<Transaction> sent : bySender.values()) {
            sent.sort(Comparator.comparing(Transaction::getNonce));
            for (int i = 0; i < sent.size(); i++) {
                if (!droppable.contains(sent.get(i).getHash().toLowerCase()) || faults.nextInt(3) == 0) continue;
                List<Transaction> tail = sent.subList(i, sent.size());
                if (tail.stream().allMatch(tx -> droppable.contains(tx.getHash().toLowerCase()))) {
                    tail.forEach(tx -> removed.add(tx.getHash().toLowerCase()));
                }
                break;
            }
        }
        return removed;
    }

    private List<Transaction> transactions(DefaultBlockParameter block) throws IOException {
        EthBlock.Block found = web3j.ethGetBlockByNumber(block, true).send().getBlock();
        if (found == null) return List.of();
        return found.getTransactions().stream().map(result -> (Transaction) result.get()).toList();
    }

    /** The signed bytes of a transaction, from the node's description of it; checked against its hash. */
    static Optional<String> rebuild(Transaction tx) {
        BigInteger value = tx.getValue();
        String to = tx.getTo() == null ? "" : tx.getTo();
        RawTransaction unsigned;
        List<byte[]> candidates = new ArrayList<>();
        byte[] r = Numeric.toBytesPadded(Numeric.toBigInt(tx.getR()), 32);
        byte[] s = Numeric.toBytesPadded(Numeric.toBigInt(tx.getS()), 32);
        long v = tx.getV();
        if ("0x2".equals(tx.getType())) {
            unsigned = RawTransaction.createTransaction(tx.getChainId(), tx.getNonce(), tx.getGas(), to, value, tx.getInput(),
                    tx.getMaxPriorityFeePerGas(), tx.getMaxFeePerGas());
            // web3j takes the y-parity of a typed transaction in the legacy 27/28 form.
            candidates.add(new byte[] {(byte) (v + 27)});
        } else if ("0x0".equals(tx.getType()) || tx.getType() == null) {
            unsigned = RawTransaction.createTransaction(tx.getNonce(), tx.getGasPrice(), tx.getGas(), to, value, tx.getInput());
            candidates.add(Numeric.toBytesPadded(BigInteger.valueOf(v), v > 255 ? 2 : 1));
            candidates.add(BigInteger.valueOf(v).toByteArray());
        } else {
            return Optional.empty();
        }
        for (byte[] candidate : candidates) {
            try {
                byte[] encoded = TransactionEncoder.encode(unsigned, new Sign.SignatureData(candidate, r, s));
                if (Numeric.toHexString(Hash.sha3(encoded)).equalsIgnoreCase(tx.getHash())) return Optional.of(Numeric.toHexString(encoded));
            } catch (RuntimeException notThisForm) {
                // try the next form of v
            }
        }
        return Optional.empty();
    }
}
