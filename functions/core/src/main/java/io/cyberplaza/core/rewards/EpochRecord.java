package io.cyberplaza.core.rewards;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A rewards epoch as the platform keeps it: what it computed (frozen once stored: its root, its
 * totals, the rules it ran with) and how far its publication went.
 *
 * <p>The stages follow the chain: COMPUTED (leaves and proofs stored), FUNDED (the reserve paid the
 * distributor the epoch's CPT), PROPOSED (the root waits out the guardian's window), ACCEPTED
 * (claimable). REVOKED means the guardian vetoed the root: nothing later is published until an
 * operator has looked, since every later tree builds on this one.
 *
 * @param root       the cumulative tree's root after this epoch
 * @param leafEpoch  the epoch under which this tree's leaves are stored: this one, or the earlier one
 *                   whose tree it repeats when the epoch distributed nothing
 * @param attempt    bumped when a transaction of the current stage was mined and reverted, so the
 *                   next one is a new transaction rather than the reverted one again
 * @param note       why the epoch is waiting, when it is waiting on something other than time
 */
public record EpochRecord(long epoch, Stage stage, String root, long leafEpoch, int accounts, long fromSecond, long toSecond,
                          int orders, long gmvMicroUsdc, BigInteger buyers, BigInteger providers, BigInteger distributed,
                          BigInteger allowance, BigInteger carryIn, BigInteger carryOut, RewardRules rules, long claimableAt,
                          int attempt, String note, Instant computedAt, Instant updatedAt, long version) {

    public enum Stage {
        COMPUTED, FUNDED, PROPOSED, ACCEPTED, REVOKED
    }

    public EpochRecord {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(rules, "rules");
        if (epoch < 1 || leafEpoch < 1 || leafEpoch > epoch) throw new IllegalArgumentException("epochs count from 1");
        if (!buyers.add(providers).equals(distributed)) throw new IllegalArgumentException("buyers + providers must be what is distributed");
        if (!carryIn.add(rules.baseRelease()).subtract(distributed).equals(carryOut)) {
            throw new IllegalArgumentException("what is carried out is what was carried in, plus the base release, less what was distributed");
        }
    }

    /** The stored form of a computed epoch: published on chain from here, or already final when it changed nothing. */
    public static EpochRecord of(RewardEpoch computed, String root, long leafEpoch, int accounts, RewardSchedule schedule, int orders,
                                 RewardRules rules, Instant now) {
        Stage stage = computed.distributed().signum() == 0 ? Stage.ACCEPTED : Stage.COMPUTED;
        return new EpochRecord(computed.epoch(), stage, root, leafEpoch, accounts, schedule.start(computed.epoch()).getEpochSecond(),
                schedule.end(computed.epoch()).getEpochSecond(), orders, computed.gmvMicroUsdc(), computed.buyers(), computed.providers(),
                computed.distributed(), computed.allowance(), computed.carryIn(), computed.carryOut(), rules, 0, 0, null, now, now, 0);
    }

    public boolean isFinal() {
        return stage == Stage.ACCEPTED;
    }

    public EpochRecord at(Stage next, Instant now) {
        return new EpochRecord(epoch, next, root, leafEpoch, accounts, fromSecond, toSecond, orders, gmvMicroUsdc, buyers, providers,
                distributed, allowance, carryIn, carryOut, rules, claimableAt, 0, null, computedAt, now, version + 1);
    }

    public EpochRecord proposed(long claimableAtSecond, Instant now) {
        return new EpochRecord(epoch, Stage.PROPOSED, root, leafEpoch, accounts, fromSecond, toSecond, orders, gmvMicroUsdc, buyers,
                providers, distributed, allowance, carryIn, carryOut, rules, claimableAtSecond, 0, null, computedAt, now, version + 1);
    }

    /** The same stage, waiting on something: {@code retry} when a transaction was mined and reverted. */
    public EpochRecord waiting(String why, boolean retry, Instant now) {
        return new EpochRecord(epoch, stage, root, leafEpoch, accounts, fromSecond, toSecond, orders, gmvMicroUsdc, buyers, providers,
                distributed, allowance, carryIn, carryOut, rules, claimableAt, retry ? attempt + 1 : attempt, why, computedAt, now,
                version + 1);
    }
}
