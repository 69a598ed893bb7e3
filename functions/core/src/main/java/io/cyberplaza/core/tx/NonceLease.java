package io.cyberplaza.core.tx;

/**
 * The right to assign nonces for one sender address, held by one worker until {@code expiresAtMillis}.
 * {@code nextNonce} is the nonce the next recorded transaction gets.
 */
public record NonceLease(String sender, String owner, long expiresAtMillis, long nextNonce, long version) {
}
