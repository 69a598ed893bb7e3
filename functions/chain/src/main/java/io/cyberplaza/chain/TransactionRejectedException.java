package io.cyberplaza.chain;

/**
 * The node refused the call before anything was recorded: it would revert (gas estimation failed)
 * or the transaction is malformed. No nonce was used.
 */
public final class TransactionRejectedException extends RuntimeException {
    private final String revertData;

    public TransactionRejectedException(String message, String revertData) {
        super(message);
        this.revertData = revertData;
    }

    /** The revert data (a custom error's selector and arguments) if the node returned it. */
    public String revertData() {
        return revertData;
    }
}
