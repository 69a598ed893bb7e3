package io.cyberplaza.core.tx;

/**
 * SIGNED: recorded with its nonce and signed bytes, maybe not broadcast yet (a crash can land here);
 * SENT: broadcast at least once; CONFIRMED / REVERTED: a receipt exists with status 1 / 0.
 */
public enum TxStatus {
    SIGNED,
    SENT,
    CONFIRMED,
    REVERTED;

    public boolean isFinal() {
        return this == CONFIRMED || this == REVERTED;
    }
}
