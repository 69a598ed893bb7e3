package io.cyberplaza.core.tx;

import java.math.BigInteger;

/** One signed version of an outbox transaction. Replacements keep the nonce and raise the fees. */
public record TxAttempt(String txHash, String rawTransaction, BigInteger maxFeePerGas,
                        BigInteger maxPriorityFeePerGas, long signedAtMillis) {
}
