package io.cyberplaza.core.fakes;

import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.ResourceType;

import java.util.List;

/** Offers the core's tests buy from. */
public final class TestOffers {
    public static final String PROVIDER = "0x00000000000000000000000000000000000000b2";

    /** 10 USDC per core-hour, VERIFIED tier (4 %, 72 h hold), up to 4 cores for 24 hours. */
    public static final Offer LOCAL_CPU = new Offer("local-cpu", "sp-1", PROVIDER, "A core of a local machine",
            ResourceType.CPU, "local", "core", 10_000_000L, FeeTier.VERIFIED, "local-process",
            List.of("prime-sieve", "sha256-chain"), 4, 24);

    private TestOffers() {
    }
}
