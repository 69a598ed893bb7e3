package io.cyberplaza.core.auth;

/**
 * Port: whether an account that holds no key of its own (a Safe, an ERC-4337 account) accepts a
 * signature over a digest, asked of the chain: EIP-1271 when the account is deployed, ERC-6492 when
 * its signature carries the factory call that would deploy it.
 */
public interface ContractSignatures {

    /**
     * @return whether {@code account} accepts {@code signature} for {@code digest}; false for an
     *         account with no code and no deployment in the signature
     * @throws io.cyberplaza.core.error.DomainException {@code CHAIN_UNAVAILABLE} when the chain cannot be asked
     */
    boolean accepts(String account, byte[] digest, byte[] signature);
}
