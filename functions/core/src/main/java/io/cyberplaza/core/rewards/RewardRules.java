package io.cyberplaza.core.rewards;

import java.math.BigInteger;

/**
 * How much CPT spending earns, and how much CPT an epoch may release.
 *
 * <p>Rates are basis points of what stayed spent: buyers 1 % (3 % on orders from certified
 * providers), providers 2 % of their volume (5 % when certified), the whitepaper's ranges. The USD
 * value is converted at the CPT/USD price, in micro-USD per CPT; USDC is counted at par (quoting
 * pauses when it is not).
 *
 * <p>The release schedule: each epoch adds {@code baseRelease} to what may ever be distributed; an
 * epoch may distribute {@code baseRelease × min(GMV, target) / target} plus whatever earlier epochs
 * left undistributed. What an epoch does not distribute, including the part its GMV did not
 * unlock, rolls over. When an epoch's rewards exceed its allowance, every reward is scaled down by
 * the same fraction (rounded down), so nobody is paid ahead of anybody else.
 *
 * @param baseRelease          CPT base units added to the schedule each epoch
 * @param targetGmvMicroUsdc   the epoch's GMV at which the whole base is released
 */
public record RewardRules(int buyerBps, int buyerCertifiedBps, int providerBps, int providerCertifiedBps, long cptPriceMicroUsd,
                          BigInteger baseRelease, long targetGmvMicroUsdc) {
    public static final BigInteger CPT = BigInteger.TEN.pow(18);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    public RewardRules {
        if (buyerBps < 0 || buyerCertifiedBps < buyerBps || providerBps < 0 || providerCertifiedBps < providerBps || providerCertifiedBps > 10_000
                || buyerCertifiedBps > 10_000) {
            throw new IllegalArgumentException("rates are basis points, certified ones no lower than base ones");
        }
        if (cptPriceMicroUsd <= 0 || baseRelease.signum() < 0 || targetGmvMicroUsdc <= 0) {
            throw new IllegalArgumentException("a positive price and target, and a base release");
        }
    }

    /** The whitepaper's rates, at a price and a schedule. */
    public static RewardRules whitepaper(long cptPriceMicroUsd, BigInteger baseRelease, long targetGmvMicroUsdc) {
        return new RewardRules(100, 300, 200, 500, cptPriceMicroUsd, baseRelease, targetGmvMicroUsdc);
    }

    /** The same rates and schedule at another CPT price. */
    public RewardRules atPrice(long microUsd) {
        return new RewardRules(buyerBps, buyerCertifiedBps, providerBps, providerCertifiedBps, microUsd, baseRelease, targetGmvMicroUsdc);
    }

    public int buyerRate(boolean certified) {
        return certified ? buyerCertifiedBps : buyerBps;
    }

    public int providerRate(boolean certified) {
        return certified ? providerCertifiedBps : providerBps;
    }

    /** {@code spent × bps} of USD in CPT base units, rounded down: one multiplication before the only division. */
    public BigInteger cptFor(long spentMicroUsdc, int bps) {
        return BigInteger.valueOf(spentMicroUsdc).multiply(BigInteger.valueOf(bps)).multiply(CPT)
                .divide(BPS.multiply(BigInteger.valueOf(cptPriceMicroUsd)));
    }

    /** What the epoch's GMV unlocks of the base release. */
    public BigInteger unlockedBy(long gmvMicroUsdc) {
        return baseRelease.multiply(BigInteger.valueOf(Math.min(gmvMicroUsdc, targetGmvMicroUsdc))).divide(BigInteger.valueOf(targetGmvMicroUsdc));
    }
}
