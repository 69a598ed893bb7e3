package io.cyberplaza.chain;

import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * EIP-2612 permits: the digest a wallet signs so the escrow may pull USDC in the same transaction
 * as the deposit. The domain separator is read from the token, so any EIP-2612 token works.
 */
public final class PermitSigner {
    private static final byte[] PERMIT_TYPEHASH = Hash.sha3(
            "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)".getBytes(StandardCharsets.UTF_8));

    private PermitSigner() {
    }

    public record Signature(int v, byte[] r, byte[] s) {
    }

    public static byte[] digest(byte[] domainSeparator, String owner, String spender, BigInteger value, BigInteger nonce,
                                BigInteger deadline) {
        String encoded = TypeEncoder.encode(new Bytes32(PERMIT_TYPEHASH))
                + TypeEncoder.encode(new Address(owner))
                + TypeEncoder.encode(new Address(spender))
                + TypeEncoder.encode(new Uint256(value))
                + TypeEncoder.encode(new Uint256(nonce))
                + TypeEncoder.encode(new Uint256(deadline));
        byte[] structHash = Hash.sha3(Numeric.hexStringToByteArray(encoded));
        byte[] message = new byte[2 + 32 + 32];
        message[0] = 0x19;
        message[1] = 0x01;
        System.arraycopy(domainSeparator, 0, message, 2, 32);
        System.arraycopy(structHash, 0, message, 34, 32);
        return Hash.sha3(message);
    }

    public static Signature sign(byte[] digest, ECKeyPair keys) {
        Sign.SignatureData signature = Sign.signMessage(digest, keys, false);
        return new Signature(Byte.toUnsignedInt(signature.getV()[0]), signature.getR(), signature.getS());
    }
}
