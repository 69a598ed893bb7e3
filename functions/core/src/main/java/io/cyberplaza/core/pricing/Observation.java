package io.cyberplaza.core.pricing;

import java.time.Instant;

/**
 * One source's price for a key, as normalised from its own format: micro-USD per canonical unit
 * (rounded down), or null when the record carried no usable amount.
 *
 * @param source   the price list it came from, e.g. {@code aws-pricing}, {@code azure-retail}
 * @param recordId the source's own id of the record (SKU, meter id), for the rejection report
 * @param currency the record's currency as the source states it
 */
public record Observation(String source, String recordId, PriceKey key, Long microUsd, String currency, Instant observedAt) {
}
