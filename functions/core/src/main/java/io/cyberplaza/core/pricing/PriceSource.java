package io.cyberplaza.core.pricing;

import java.util.function.Consumer;

/**
 * Port: one vendor's public price list (or the providers' own offers), read into canonical
 * observations. Records are handed over one at a time so a list of any size is read in bounded
 * memory. A source that cannot be read throws; the round goes on with the others.
 */
public interface PriceSource {

    String name();

    void read(Consumer<Observation> sink);
}
