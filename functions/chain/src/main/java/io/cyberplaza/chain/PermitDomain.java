package io.cyberplaza.chain;

import io.cyberplaza.core.escrow.EscrowInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Numeric;

import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The EIP-712 domain buyers sign permits in. The platform hands wallets the token's name and version
 * from its configuration; if they do not hash to the token's own {@code DOMAIN_SEPARATOR()}, every
 * permit deposit fails on chain with an allowance error that points nowhere near the cause (Circle's
 * USDC calls itself "USDC" on some chains and "USD Coin" on others). So the functions that hand out
 * permits check it when they start and refuse to start on a mismatch.
 */
public final class PermitDomain {
    private static final Logger log = LoggerFactory.getLogger(PermitDomain.class);
    private static final byte[] DOMAIN_TYPEHASH = Hash.sha3(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.UTF_8));

    private PermitDomain() {
    }

    /** The separator a token with this name and version at this address on this chain has. */
    public static byte[] separator(String name, String version, long chainId, String token) {
        String encoded = TypeEncoder.encode(new Bytes32(DOMAIN_TYPEHASH))
                + TypeEncoder.encode(new Bytes32(Hash.sha3(name.getBytes(StandardCharsets.UTF_8))))
                + TypeEncoder.encode(new Bytes32(Hash.sha3(version.getBytes(StandardCharsets.UTF_8))))
                + TypeEncoder.encode(new Uint256(BigInteger.valueOf(chainId)))
                + TypeEncoder.encode(new Address(token));
        return Hash.sha3(Numeric.hexStringToByteArray(encoded));
    }

    /**
     * Throws naming the mismatch when the configured domain is not the token's. When the node cannot
     * be reached the check is skipped with a warning: an unreachable node says nothing about the
     * configuration, and the functions must still start to serve what does not need the chain.
     */
    public static void verify(Web3j web3j, EscrowInfo escrow) {
        ContractReader token = new ContractReader(web3j, escrow.token());
        byte[] actual;
        try {
            actual = (byte[]) token.call(new Function("DOMAIN_SEPARATOR", List.of(), List.of(new TypeReference<Bytes32>() { })))
                    .getFirst().getValue();
        } catch (UncheckedIOException e) {
            log.warn("the token's permit domain could not be checked: {}", e.getMessage());
            return;
        }
        byte[] configured = separator(escrow.tokenName(), escrow.tokenVersion(), escrow.chainId(), escrow.token());
        if (Arrays.equals(actual, configured)) return;
        throw new IllegalStateException("the token " + escrow.token() + " signs permits in domain " + Numeric.toHexString(actual)
                + ", but the configured token name \"" + escrow.tokenName() + "\" and version \"" + escrow.tokenVersion()
                + "\" on chain " + escrow.chainId() + " give " + Numeric.toHexString(configured) + describe(token)
                + "; set cyberplaza.chain.token-name and cyberplaza.chain.token-version to the token's, or every permit deposit fails");
    }

    /** What the token says its name and version are, where it answers. */
    private static String describe(ContractReader token) {
        String name = text(token, "name");
        String version = text(token, "version");
        if (name == null && version == null) return "";
        return " (the token answers name() \"" + name + "\" and version() \"" + version + "\")";
    }

    private static String text(ContractReader token, String function) {
        try {
            return (String) token.call(new Function(function, List.of(), List.of(new TypeReference<Utf8String>() { }))).getFirst().getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
