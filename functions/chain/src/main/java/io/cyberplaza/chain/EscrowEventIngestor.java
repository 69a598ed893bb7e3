package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.escrow.ChainCursor;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventHandler;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.escrow.ProcessedBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads ComputeEscrow events from confirmed blocks and hands them to the core, exactly as the chain
 * has them even across reorgs.
 *
 * <p>Each poll: (1) if the block under the cursor is no longer canonical, walk back to the newest
 * block whose stored hash still matches, undo the events of every block above it and move the
 * cursor there; (2) drop blocks an interrupted poll stored above the cursor if they were
 * reorganised away; (3) read blocks up to {@code head - confirmations}, checking every parent hash
 * and every log's block hash against the headers, store them with their events, apply the events,
 * then advance the cursor with a conditional write. A crash at any point leaves the cursor behind
 * the work, so the next poll repeats it, and the handler's idempotency makes the repeat harmless.
 */
public final class EscrowEventIngestor {
    private static final Logger log = LoggerFactory.getLogger(EscrowEventIngestor.class);
    private static final String DEPOSITED = EventEncoder.encode(ComputeEscrow.DEPOSITED_EVENT);
    private static final String SETTLED = EventEncoder.encode(ComputeEscrow.SETTLED_EVENT);
    private static final String RECLAIMED = EventEncoder.encode(ComputeEscrow.RECLAIMED_EVENT);
    private static final String SKIPPED = EventEncoder.encode(ComputeEscrow.SETTLEMENTSKIPPED_EVENT);
    private static final String DISPUTED = EventEncoder.encode(ComputeEscrow.DISPUTEOPENED_EVENT);
    private static final String FROZEN = EventEncoder.encode(ComputeEscrow.PAYOUTFROZEN_EVENT);
    private static final String RESOLVED = EventEncoder.encode(ComputeEscrow.DISPUTERESOLVED_EVENT);
    private static final int HEADERS_PER_BATCH = 100;

    /**
     * @param confirmations   blocks a block must be buried under before it is read
     * @param maxBlocksPerPoll upper bound of one poll's range, to bound its time and memory
     * @param firstBlock      the escrow's deployment block: nothing before it is read
     * @param maxReorgDepth   a deeper reorg stops ingestion for an operator instead of guessing
     */
    public record Settings(int confirmations, int maxBlocksPerPoll, long firstBlock, int maxReorgDepth) {
        public Settings {
            if (confirmations < 0 || maxBlocksPerPoll < 1 || firstBlock < 0 || maxReorgDepth < 1) {
                throw new IllegalArgumentException("invalid ingestor settings");
            }
        }
    }

    /** What one poll did: blocks read (empty range when nothing was confirmed yet), events applied, blocks undone. */
    public record PollResult(long fromBlock, long toBlock, int eventsApplied, int blocksUndone, boolean completed) {
    }

    public static final class DeepReorgException extends IllegalStateException {
        public DeepReorgException(String message) {
            super(message);
        }
    }

    private final Web3j web3j;
    private final String escrowAddress;
    private final String cursorId;
    private final ChainCursorStore cursors;
    private final EscrowEventHandler handler;
    private final Settings settings;

    public EscrowEventIngestor(Web3j web3j, long chainId, String escrowAddress, ChainCursorStore cursors,
                               EscrowEventHandler handler, Settings settings) {
        this.web3j = web3j;
        this.escrowAddress = escrowAddress.toLowerCase();
        this.cursorId = cursorIdFor(chainId, escrowAddress);
        this.cursors = cursors;
        this.handler = handler;
        this.settings = settings;
    }

    public static String cursorIdFor(long chainId, String escrowAddress) {
        return "escrow:" + chainId + ":" + escrowAddress.toLowerCase();
    }

    public String cursorId() {
        return cursorId;
    }

    public PollResult poll() throws IOException {
        ChainCursor cursor = cursors.load(cursorId).orElse(ChainCursor.start(cursorId, settings.firstBlock() - 1));
        int undone = 0;
        if (cursor.lastBlockHash() != null && !cursor.lastBlockHash().equals(canonicalHash(cursor.lastBlock()))) {
            Optional<ChainCursor> rewound = rewind(cursor);
            if (rewound.isEmpty()) return new PollResult(0, -1, 0, 0, false);
            undone += (int) (cursor.lastBlock() - rewound.get().lastBlock());
            cursor = rewound.get();
        }
        undone += dropOrphansAbove(cursor);

        long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        long from = cursor.lastBlock() + 1;
        long to = Math.min(head - settings.confirmations(), from + settings.maxBlocksPerPoll() - 1);
        if (to < from) return new PollResult(from, from - 1, 0, undone, true);

        List<EthBlock.Block> headers = headers(from, to);
        String expectedParent = cursor.lastBlockHash();
        for (EthBlock.Block header : headers) {
            if (expectedParent != null && !expectedParent.equals(header.getParentHash())) {
                log.info("chain changed under blocks {}..{} while reading; retrying next poll", from, to);
                return new PollResult(from, from - 1, 0, undone, false);
            }
            expectedParent = header.getHash();
        }
        Map<Long, String> hashes = new HashMap<>();
        headers.forEach(h -> hashes.put(h.getNumber().longValueExact(), h.getHash()));
        Optional<Map<Long, List<EscrowEvent>>> events = events(from, to, hashes);
        if (events.isEmpty()) return new PollResult(from, from - 1, 0, undone, false);

        List<ProcessedBlock> processed = headers.stream()
                .map(h -> new ProcessedBlock(h.getNumber().longValueExact(), h.getHash(), h.getParentHash(),
                        events.get().getOrDefault(h.getNumber().longValueExact(), List.of())))
                .toList();
        // Stored before applying: if we crash mid-way, a reorg of these blocks can still be undone.
        cursors.saveBlocks(cursorId, processed);
        int applied = 0;
        for (ProcessedBlock block : processed) {
            for (EscrowEvent event : block.events()) {
                handler.apply(event);
                applied++;
            }
        }
        EthBlock.Block last = headers.getLast();
        if (!cursors.move(cursor, cursor.advancedTo(to, last.getHash()))) {
            log.info("another ingestor advanced {} first", cursorId);
            return new PollResult(from, to, applied, undone, false);
        }
        return new PollResult(from, to, applied, undone, true);
    }

    /** Undoes every block above the common ancestor and moves the cursor there; empty if another ingestor moved it. */
    private Optional<ChainCursor> rewind(ChainCursor cursor) throws IOException {
        long floor = settings.firstBlock() - 1;
        long ancestor = cursor.lastBlock();
        while (ancestor > floor) {
            Optional<ProcessedBlock> stored = cursors.block(cursorId, ancestor);
            if (stored.isPresent() && stored.get().hash().equals(canonicalHash(ancestor))) break;
            if (cursor.lastBlock() - ancestor >= settings.maxReorgDepth()) {
                throw new DeepReorgException("no common ancestor within " + settings.maxReorgDepth()
                        + " blocks below " + cursor.lastBlock() + " for " + cursorId);
            }
            ancestor--;
        }
        log.warn("reorg on {}: common ancestor {} below processed block {}", cursorId, ancestor, cursor.lastBlock());
        for (ProcessedBlock block : cursors.blocksAbove(cursorId, ancestor)) undo(block);
        String ancestorHash = ancestor > floor ? canonicalHash(ancestor) : null;
        ChainCursor back = cursor.advancedTo(ancestor, ancestorHash);
        return cursors.move(cursor, back) ? Optional.of(back) : Optional.empty();
    }

    private int dropOrphansAbove(ChainCursor cursor) throws IOException {
        int dropped = 0;
        for (ProcessedBlock block : cursors.blocksAbove(cursorId, cursor.lastBlock())) {
            if (!block.hash().equals(canonicalHash(block.number()))) {
                undo(block);
                dropped++;
            }
        }
        return dropped;
    }

    private void undo(ProcessedBlock block) {
        for (EscrowEvent event : block.events().reversed()) handler.undo(event);
        // Deleted after its events are undone, so a crash in between repeats the (idempotent) undo.
        cursors.deleteBlock(cursorId, block.number());
    }

    /** The hash the chain now has at {@code number}, or null if the chain is shorter than that. */
    private String canonicalHash(long number) throws IOException {
        EthBlock.Block block = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                .send().getBlock();
        return block == null ? null : block.getHash();
    }

    private List<EthBlock.Block> headers(long from, long to) throws IOException {
        List<EthBlock.Block> headers = new ArrayList<>();
        for (long start = from; start <= to; start += HEADERS_PER_BATCH) {
            BatchRequest batch = web3j.newBatch();
            for (long n = start; n <= Math.min(to, start + HEADERS_PER_BATCH - 1); n++) {
                batch.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false));
            }
            BatchResponse response = batch.send();
            for (Response<?> each : response.getResponses()) {
                if (each.hasError()) throw new IOException("eth_getBlockByNumber failed: " + each.getError().getMessage());
                EthBlock.Block block = ((EthBlock) each).getBlock();
                if (block == null) throw new IOException("a block below the confirmed head is missing");
                headers.add(block);
            }
        }
        headers.sort(Comparator.comparing(EthBlock.Block::getNumber));
        return headers;
    }

    /** Escrow events by block number, or empty if a log belongs to a block other than the header we read. */
    private Optional<Map<Long, List<EscrowEvent>>> events(long from, long to, Map<Long, String> hashes) throws IOException {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), escrowAddress);
        filter.addOptionalTopics(DEPOSITED, SETTLED, RECLAIMED, SKIPPED, DISPUTED, FROZEN, RESOLVED);
        EthLog response = web3j.ethGetLogs(filter).send();
        if (response.hasError()) throw new IOException("eth_getLogs failed: " + response.getError().getMessage());
        Map<Long, List<EscrowEvent>> byBlock = new HashMap<>();
        for (EthLog.LogResult<?> result : response.getLogs()) {
            Log entry = (Log) result.get();
            long number = entry.getBlockNumber().longValueExact();
            if (entry.isRemoved() || !entry.getBlockHash().equals(hashes.get(number))) {
                log.info("log of block {} is not on the chain we read; retrying next poll", number);
                return Optional.empty();
            }
            decode(entry).ifPresent(event -> byBlock.computeIfAbsent(number, n -> new ArrayList<>()).add(event));
        }
        byBlock.values().forEach(list -> list.sort(Comparator.comparingLong(e -> e.key().logIndex())));
        return Optional.of(byBlock);
    }

    static Optional<EscrowEvent> decode(Log entry) {
        EventKey key = new EventKey(entry.getTransactionHash(), entry.getLogIndex().longValueExact());
        long block = entry.getBlockNumber().longValueExact();
        String hash = entry.getBlockHash();
        String topic = entry.getTopics().getFirst();
        if (DEPOSITED.equals(topic)) {
            var e = ComputeEscrow.getDepositedEventFromLog(entry);
            return Optional.of(new EscrowEvent.Deposited(key, block, hash, OrderIds.fromBytes32(e.ref), e.owner.toLowerCase(),
                    e.payer.toLowerCase(), e.amount.longValueExact(), e.balance.longValueExact()));
        }
        if (SETTLED.equals(topic)) {
            var e = ComputeEscrow.getSettledEventFromLog(entry);
            return Optional.of(new EscrowEvent.Settled(key, block, hash, OrderIds.fromBytes32(e.ref), e.owner.toLowerCase(),
                    e.provider.toLowerCase(), e.providerAmount.longValueExact(), e.fee.longValueExact(),
                    e.refund.longValueExact(), e.releaseAt.longValueExact()));
        }
        if (SKIPPED.equals(topic)) {
            var e = ComputeEscrow.getSettlementSkippedEventFromLog(entry);
            return Optional.of(new EscrowEvent.SettlementSkipped(key, block, hash, OrderIds.fromBytes32(e.ref), e.owner.toLowerCase(),
                    EscrowEvent.SkipReason.values()[e.reason.intValueExact()]));
        }
        if (RECLAIMED.equals(topic)) {
            var e = ComputeEscrow.getReclaimedEventFromLog(entry);
            return Optional.of(new EscrowEvent.Reclaimed(key, block, hash, OrderIds.fromBytes32(e.ref), e.owner.toLowerCase(),
                    e.amount.longValueExact()));
        }
        if (DISPUTED.equals(topic)) {
            var e = ComputeEscrow.getDisputeOpenedEventFromLog(entry);
            return Optional.of(new EscrowEvent.DisputeOpened(key, block, hash, OrderIds.fromBytes32(e.ref), e.owner.toLowerCase(),
                    e.by.toLowerCase(), e.held.longValueExact()));
        }
        if (FROZEN.equals(topic)) {
            var e = ComputeEscrow.getPayoutFrozenEventFromLog(entry);
            return Optional.of(new EscrowEvent.PayoutFrozen(key, block, hash, OrderIds.fromBytes32(e.ref), e.owner.toLowerCase(),
                    e.by.toLowerCase(), e.held.longValueExact()));
        }
        if (RESOLVED.equals(topic)) {
            var e = ComputeEscrow.getDisputeResolvedEventFromLog(entry);
            return Optional.of(new EscrowEvent.DisputeResolved(key, block, hash, OrderIds.fromBytes32(e.ref), e.owner.toLowerCase(),
                    e.toProvider.longValueExact(), e.toOwner.longValueExact(), e.by.toLowerCase()));
        }
        return Optional.empty();
    }
}
