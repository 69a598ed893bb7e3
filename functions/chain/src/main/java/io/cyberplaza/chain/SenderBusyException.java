package io.cyberplaza.chain;

/** Another worker holds the sender's nonce lease; retry later (a queue redelivery does this). */
public final class SenderBusyException extends RuntimeException {
    public SenderBusyException(String sender) {
        super("sender " + sender + " is leased by another worker");
    }
}
