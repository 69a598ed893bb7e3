package io.cyberplaza.core.escrow;

/**
 * Where buyers pay: the chain, the escrow contract and the USDC token, with the token's EIP-712
 * domain name and version (what a wallet needs to sign a permit).
 */
public record EscrowInfo(long chainId, String escrow, String token, String tokenName, String tokenVersion) {
}
