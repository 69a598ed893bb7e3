package io.cyberplaza.core.escrow;

import java.math.BigInteger;

/** Port: the token's EIP-2612 nonce of an owner, read from the chain, to build permit data to sign. */
public interface PermitNonces {

    BigInteger nonceOf(String owner);
}
