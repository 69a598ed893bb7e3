package io.cyberplaza.core.settlement;

/** COMPUTED: split decided and fixed; SUBMITTED: in an outbox transaction; CONFIRMED: on chain. */
public enum SettlementStatus {
    COMPUTED,
    SUBMITTED,
    CONFIRMED
}
