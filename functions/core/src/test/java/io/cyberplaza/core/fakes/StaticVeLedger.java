package io.cyberplaza.core.fakes;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.ve.VeLedger;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** veCPT holdings a test sets, counting reads; it can be made unreachable like a node that is down. */
public final class StaticVeLedger implements VeLedger {
    private final Map<String, Holding> holdings = new HashMap<>();
    private final Map<String, BigInteger> claimable = new HashMap<>();
    public final AtomicInteger reads = new AtomicInteger();
    private volatile boolean unreachable;

    public void hold(String account, Holding holding) {
        holdings.put(account.toLowerCase(), holding);
    }

    public void owe(String account, BigInteger usdc) {
        claimable.put(account.toLowerCase(), usdc);
    }

    public void unreachable(boolean down) {
        unreachable = down;
    }

    @Override
    public Holding holding(String account) {
        reads.incrementAndGet();
        if (unreachable) throw new DomainException(ErrorType.CHAIN_UNAVAILABLE, "the node does not answer");
        return holdings.getOrDefault(account.toLowerCase(), Holding.NONE);
    }

    @Override
    public BigInteger claimableFees(String account) {
        if (unreachable) throw new DomainException(ErrorType.CHAIN_UNAVAILABLE, "the node does not answer");
        return claimable.getOrDefault(account.toLowerCase(), BigInteger.ZERO);
    }
}
