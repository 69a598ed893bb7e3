package io.cyberplaza.core.rewards;

import io.cyberplaza.core.rewards.EpochRecord.Stage;
import io.cyberplaza.core.rewards.RewardsChain.Distributor;
import io.cyberplaza.core.rewards.RewardsChain.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rewards function's run: computes the next closed epoch and publishes it, one step of the chain
 * at a time, each step checked against the chain before it is taken. The steps are funding the
 * distributor from the reserve, proposing the root, and (after the guardian's window) accepting it.
 *
 * <p>Running again changes nothing twice: an epoch is computed once (its record is a conditional
 * create, its leaves are stored under its root before it), every transaction carries an id derived
 * from the epoch and the step, and each step first asks the chain whether it happened. A run that
 * stopped half-way is completed by the next; a transaction that reverted is decided again.
 */
public final class RewardsRun {
    private static final Logger log = LoggerFactory.getLogger(RewardsRun.class);
    public static final String NO_ROOT = "0x" + "0".repeat(64);

    /** What a run did: the epoch it worked on, the stage it left it at, and why it waits, if it does. */
    public record Report(long epoch, String stage, String distributed, String note) {
        static Report idle(Optional<EpochRecord> latest) {
            return latest.map(Report::of).orElse(new Report(0, "NONE", "0", null));
        }

        static Report of(EpochRecord record) {
            return new Report(record.epoch(), record.stage().name(), record.distributed().toString(), record.note());
        }
    }

    private final RewardStore store;
    private final RewardsChain chain;
    private final RewardTrees trees;
    private final SettledSpends spends;
    private final RewardSchedule schedule;
    private final RewardRules rules;
    private final CptPrice price;
    private final Clock clock;

    /** @param rules the rates and release schedule; the price is read from {@code price} when an epoch is computed */
    public RewardsRun(RewardStore store, RewardsChain chain, RewardTrees trees, SettledSpends spends, RewardSchedule schedule,
                      RewardRules rules, CptPrice price, Clock clock) {
        this.store = store;
        this.chain = chain;
        this.trees = trees;
        this.spends = spends;
        this.schedule = schedule;
        this.rules = rules;
        this.price = price;
        this.clock = clock;
    }

    public Report run() {
        Optional<EpochRecord> latest = store.latest();
        EpochRecord current;
        if (latest.isPresent() && !latest.get().isFinal()) {
            current = latest.get();
        } else {
            long next = latest.map(record -> record.epoch() + 1).orElse(1L);
            if (!schedule.isClosed(next, clock.instant())) return Report.idle(latest);
            current = compute(next, latest);
        }
        return Report.of(advance(current));
    }

    private EpochRecord compute(long epoch, Optional<EpochRecord> previous) {
        Instant now = clock.instant();
        RewardRules atPrice = rules.atPrice(price.microUsd());
        List<SettledSpend> settled = spends.between(schedule.start(epoch).getEpochSecond(), schedule.end(epoch).getEpochSecond());
        BigInteger carryIn = previous.map(EpochRecord::carryOut).orElse(BigInteger.ZERO);
        RewardEpoch computed = RewardEpoch.compute(epoch, settled, atPrice, carryIn);
        Map<String, BigInteger> before = new HashMap<>();
        previous.ifPresent(p -> store.leaves(p.leafEpoch(), p.root()).forEach(leaf -> before.put(leaf.account(), leaf.cumulative())));
        EpochRecord record;
        if (computed.distributed().signum() == 0) {
            // Nothing new to claim: the tree stays the last one, and nothing is sent.
            record = EpochRecord.of(computed, previous.map(EpochRecord::root).orElse(NO_ROOT),
                    previous.map(EpochRecord::leafEpoch).orElse(epoch), before.size(), schedule, settled.size(), atPrice, now);
        } else {
            Map<String, BigInteger> cumulative = computed.cumulative(before);
            RewardTrees.Tree tree = trees.build(cumulative);
            String root = tree.root().toLowerCase(Locale.ROOT);
            List<RewardLeaf> leaves = new ArrayList<>();
            cumulative.forEach((account, total) -> leaves.add(new RewardLeaf(epoch, root, account,
                    computed.earned().getOrDefault(account, BigInteger.ZERO), total, tree.proofs().get(account))));
            store.putLeaves(leaves);
            record = EpochRecord.of(computed, root, epoch, leaves.size(), schedule, settled.size(), atPrice, now);
        }
        if (!store.create(record)) {
            // Another run recorded this epoch first: its tree is the one, and the leaves under this root are never read.
            return store.epoch(epoch).orElseThrow();
        }
        log.info("rewards epoch {} computed: {} orders, {} CPT base units to {} accounts, root {}", epoch, settled.size(),
                computed.distributed(), record.accounts(), record.root());
        return record;
    }

    private EpochRecord advance(EpochRecord record) {
        EpochRecord current = record;
        // Each pass takes at most one step; a step that is taken lets the next one try in the same run.
        for (int step = 0; step < 4 && !current.isFinal() && current.stage() != Stage.REVOKED; step++) {
            EpochRecord next = switch (current.stage()) {
                case COMPUTED -> fund(current);
                case FUNDED -> propose(current);
                case PROPOSED -> accept(current);
                default -> current;
            };
            if (next == current) break;
            if (!store.replace(current, next)) return store.epoch(current.epoch()).orElseThrow();
            if (next.stage() != current.stage()) log.info("rewards epoch {}: {}", next.epoch(), next.stage());
            if (next.stage() == current.stage()) return next;
            current = next;
        }
        return current;
    }

    // Each step asks for its transaction's outcome first (which brings it up to date with the chain), then reads the
    // contract: what it reads then includes that transaction, whatever became of it.

    private EpochRecord fund(EpochRecord record) {
        Instant now = clock.instant();
        String txId = "rewards-fund-" + record.epoch() + "-" + record.attempt();
        Outcome outcome = chain.outcome(txId);
        if (chain.isFunded(record.epoch())) return record.at(Stage.FUNDED, now);
        return switch (outcome) {
            case NONE -> send(record, () -> chain.fund(txId, record.epoch(), record.distributed()));
            // Mined yet unfunded: a reorganisation took it away, and its sender sends it again.
            case PENDING, CONFIRMED -> record;
            case REVERTED -> record.waiting("the funding transaction " + txId + " reverted; sending it again", true, now);
        };
    }

    private EpochRecord propose(EpochRecord record) {
        Instant now = clock.instant();
        String txId = "rewards-root-" + record.epoch() + "-" + record.attempt();
        Outcome outcome = chain.outcome(txId);
        Distributor distributor = chain.distributor();
        Optional<EpochRecord> settled = settledOnChain(record, distributor);
        if (settled.isPresent()) return settled.get();
        if (distributor.hasPending()) {
            if (distributor.pendingEpoch() == record.epoch() && sameRoot(distributor.pendingRoot(), record.root())) {
                return record.proposed(distributor.pendingClaimableAt(), now);
            }
            return stuck(record, "the distributor holds another pending root (epoch " + distributor.pendingEpoch() + ")");
        }
        return switch (outcome) {
            case NONE -> send(record, () -> chain.propose(txId, record.epoch(), record.root()));
            case PENDING -> record;
            // Proposed, and neither pending nor accepted now: the guardian revoked it.
            case CONFIRMED -> revoked(record);
            case REVERTED -> record.waiting("the proposal " + txId + " reverted; proposing again", true, now);
        };
    }

    private EpochRecord accept(EpochRecord record) {
        Instant now = clock.instant();
        String txId = "rewards-accept-" + record.epoch() + "-" + record.attempt();
        Outcome outcome = chain.outcome(txId);
        Distributor distributor = chain.distributor();
        Optional<EpochRecord> settled = settledOnChain(record, distributor);
        if (settled.isPresent()) return settled.get();
        if (!distributor.hasPending() || distributor.pendingEpoch() != record.epoch()) return revoked(record);
        if (now.getEpochSecond() < record.claimableAt()) return record;
        return switch (outcome) {
            case NONE -> send(record, () -> chain.accept(txId));
            case PENDING, CONFIRMED -> record;
            // The chain's clock was behind this one's: tried again with a new transaction.
            case REVERTED -> record.waiting("the acceptance " + txId + " reverted; trying again", true, now);
        };
    }

    /** The epoch's place as the distributor's accepted one, when the distributor has reached it. */
    private Optional<EpochRecord> settledOnChain(EpochRecord record, Distributor distributor) {
        if (distributor.epoch() < record.epoch()) return Optional.empty();
        if (distributor.epoch() == record.epoch() && sameRoot(distributor.root(), record.root())) {
            return Optional.of(record.at(Stage.ACCEPTED, clock.instant()));
        }
        return Optional.of(stuck(record, "the distributor accepted epoch " + distributor.epoch() + " with a root this platform never computed"));
    }

    private EpochRecord revoked(EpochRecord record) {
        log.error("rewards epoch {}: the guardian revoked root {}; later epochs wait for an operator", record.epoch(), record.root());
        return record.at(Stage.REVOKED, clock.instant());
    }

    private EpochRecord stuck(EpochRecord record, String why) {
        if (why.equals(record.note())) return record;
        log.error("rewards epoch {} cannot go on: {}", record.epoch(), why);
        return record.waiting(why, false, clock.instant());
    }

    private EpochRecord send(EpochRecord record, Runnable transaction) {
        try {
            transaction.run();
            return record;
        } catch (RewardsChain.Refused refused) {
            // Would revert as things stand (a weekly cap lowered, a root delay not yet over on the chain's clock): no gas spent, asked again next run.
            String why = "the chain refuses it for now: " + refused.getMessage();
            return why.equals(record.note()) ? record : record.waiting(why, false, clock.instant());
        } catch (RewardsChain.NotSentYet busy) {
            return record;
        }
    }

    private static boolean sameRoot(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }
}
