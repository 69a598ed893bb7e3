package io.cyberplaza.core.ve;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A holder's veCPT as the API shows it: the lock, its voting power now (zero at the unlock: it decays
 * linearly to it), the fee discount tier that power earns and the next one, and the USDC fee share
 * the fee distributor would pay now. Read from the chain on each call; a node that cannot answer is
 * {@code CHAIN_UNAVAILABLE}.
 */
public final class VeView {

    /** One lock: the contract keeps one per account, added to and extended in place. */
    public record Lock(BigInteger lockedCpt, long unlockAt, BigInteger votingPower) {
    }

    public record Account(String account, List<Lock> locks, BigInteger votingPower, int discountBps,
                          Optional<FeeDiscounts.Tier> nextTier, BigInteger claimableFeesUsdc, Contracts contracts) {
    }

    /** Where to lock and where to claim; claim(account) pays the account, whoever sends it. */
    public record Contracts(String voteEscrow, String feeDistributor) {
    }

    private final VeLedger ledger;
    private final FeeDiscounts discounts;
    private final Contracts contracts;

    public VeView(VeLedger ledger, FeeDiscounts discounts, Contracts contracts) {
        this.ledger = ledger;
        this.discounts = discounts;
        this.contracts = contracts;
    }

    public Account of(String account) {
        VeLedger.Holding holding = ledger.holding(account);
        List<Lock> locks = holding.locked().signum() == 0 ? List.of()
                : List.of(new Lock(holding.locked(), holding.unlockAt(), holding.votingPower()));
        return new Account(account.toLowerCase(), locks, holding.votingPower(), discounts.discountBpsFor(holding.votingPower()),
                discounts.nextTier(holding.votingPower()), ledger.claimableFees(account), contracts);
    }
}
