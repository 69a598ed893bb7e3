package io.cyberplaza.api.web;

import io.cyberplaza.core.ve.VeView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The veCPT API's bodies. CPT and veCPT in base units (18 decimals), USDC in micro-USDC, as decimal strings. */
public final class VeDtos {
    private VeDtos() {
    }

    @Serdeable
    @Schema(name = "VeAccount", description = "The caller's veCPT: locks, voting power, fee discount and fee share")
    public record AccountView(String account,
                             List<LockView> locks,
                             @Schema(description = "veCPT now: locked × 2.5 × time left / 4 years", example = "2500000000000000000000") String votingPower,
                             @Schema(description = "veCPT at the unlock: the power decays linearly to zero there", example = "0") String votingPowerAtUnlock,
                             @Schema(description = "The discount quotes give now, in basis points of the platform's fee", example = "500") int discountBps,
                             @Schema(description = "The next tier up, absent at the top", nullable = true) @Nullable TierView nextTier,
                             @Schema(description = "Micro-USDC the fee distributor pays the account on claim(account) now", example = "1250000") String claimableFees,
                             @Schema(description = "veCPT's contract: createLock, increaseAmount, extendLock, withdraw") String voteEscrow,
                             @Schema(description = "The fee distributor: claim(account), which anyone may send for the account") String feeDistributor) {
        static AccountView of(VeView.Account account) {
            return new AccountView(account.account(),
                    account.locks().stream().map(lock -> new LockView(lock.lockedCpt().toString(), lock.unlockAt(), lock.votingPower().toString())).toList(),
                    account.votingPower().toString(), "0", account.discountBps(),
                    account.nextTier().map(tier -> new TierView(tier.minimum().toString(), tier.discountBps())).orElse(null),
                    account.claimableFeesUsdc().toString(), account.contracts().voteEscrow(), account.contracts().feeDistributor());
        }
    }

    @Serdeable
    @Schema(name = "VeLock")
    public record LockView(@Schema(description = "CPT base units locked", example = "1000000000000000000000") String lockedCpt,
                           @Schema(description = "When the lock ends and its CPT can be withdrawn, epoch seconds", example = "1893024000") long unlockAt,
                           @Schema(description = "Its veCPT now", example = "2500000000000000000000") String votingPower) {
    }

    @Serdeable
    @Schema(name = "VeTier")
    public record TierView(@Schema(description = "veCPT base units the tier starts at", example = "10000000000000000000000") String minimumVotingPower,
                           @Schema(description = "Its discount, in basis points of the platform's fee", example = "1000") int discountBps) {
    }
}
