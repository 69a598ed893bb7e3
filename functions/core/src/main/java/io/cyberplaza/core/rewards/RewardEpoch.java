package io.cyberplaza.core.rewards;

import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One epoch's rewards, computed from the orders settled in it and what earlier epochs left: each
 * account's CPT (a buyer that is also a provider earns both in one), the totals, and what rolls over.
 * A pure function of its inputs, so running an epoch again gives the same result.
 *
 * @param earned       CPT base units per account (lower-case address) earned in this epoch, after any scaling
 * @param buyers       the buyers' part of {@code distributed}
 * @param providers    the providers' part of {@code distributed}
 * @param allowance    what the epoch could distribute: the carry in, plus what its GMV unlocked
 * @param carryOut     what later epochs may still distribute: {@code carryIn + baseRelease - distributed}
 */
public record RewardEpoch(long epoch, Map<String, BigInteger> earned, BigInteger buyers, BigInteger providers, BigInteger distributed,
                          long gmvMicroUsdc, BigInteger allowance, BigInteger carryIn, BigInteger carryOut) {

    public RewardEpoch {
        earned = Map.copyOf(earned);
        if (!buyers.add(providers).equals(distributed)) throw new IllegalStateException("buyers + providers must be what is distributed");
        if (earned.values().stream().reduce(BigInteger.ZERO, BigInteger::add).compareTo(distributed) != 0) {
            throw new IllegalStateException("the accounts' rewards must add up to what is distributed");
        }
        if (distributed.compareTo(allowance) > 0) throw new IllegalStateException("an epoch never distributes more than its allowance");
        if (carryOut.signum() < 0) throw new IllegalStateException("nothing is distributed ahead of the schedule");
    }

    public static RewardEpoch compute(long epoch, Collection<SettledSpend> settled, RewardRules rules, BigInteger carryIn) {
        long gmv = 0;
        Map<String, BigInteger> buyerShares = new TreeMap<>();
        Map<String, BigInteger> providerShares = new TreeMap<>();
        for (SettledSpend spend : settled) {
            if (spend.spentMicroUsdc() == 0) continue;
            gmv = Math.addExact(gmv, spend.spentMicroUsdc());
            buyerShares.merge(key(spend.buyer()), rules.cptFor(spend.spentMicroUsdc(), rules.buyerRate(spend.certifiedProvider())), BigInteger::add);
            providerShares.merge(key(spend.provider()), rules.cptFor(spend.spentMicroUsdc(), rules.providerRate(spend.certifiedProvider())),
                    BigInteger::add);
        }
        BigInteger allowance = carryIn.add(rules.unlockedBy(gmv));
        BigInteger owed = sum(buyerShares.values()).add(sum(providerShares.values()));
        if (owed.compareTo(allowance) > 0) {
            // Scaled down alike, each rounded down: the dust stays in the schedule.
            scale(buyerShares, allowance, owed);
            scale(providerShares, allowance, owed);
        }
        BigInteger buyers = sum(buyerShares.values());
        BigInteger providers = sum(providerShares.values());
        Map<String, BigInteger> earned = new HashMap<>(buyerShares);
        providerShares.forEach((account, cpt) -> earned.merge(account, cpt, BigInteger::add));
        earned.values().removeIf(cpt -> cpt.signum() == 0);
        BigInteger distributed = buyers.add(providers);
        return new RewardEpoch(epoch, earned, buyers, providers, distributed, gmv, allowance, carryIn,
                carryIn.add(rules.baseRelease()).subtract(distributed));
    }

    private static void scale(Map<String, BigInteger> shares, BigInteger allowance, BigInteger owed) {
        shares.replaceAll((account, cpt) -> cpt.multiply(allowance).divide(owed));
    }

    private static BigInteger sum(Collection<BigInteger> values) {
        return values.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    /** Each account's new cumulative total: what it had, plus this epoch's. */
    public Map<String, BigInteger> cumulative(Map<String, BigInteger> before) {
        Map<String, BigInteger> after = new HashMap<>(before);
        earned.forEach((account, cpt) -> after.merge(account, cpt, BigInteger::add));
        return after;
    }

    public List<String> accounts() {
        return earned.keySet().stream().sorted().toList();
    }
}
