package io.cyberplaza.core.tx;

/**
 * SIGNED: recorded with its nonce and signed bytes, and broadcast or about to be (the node's pool says
 * which; the reconciler sends what it does not hold); SENT: the same, as rows written by releases that
 * marked the broadcast read; CONFIRMED / REVERTED: a receipt exists with status 1 / 0.
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
