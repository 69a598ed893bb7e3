package io.cyberplaza.chain;

import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The escrow keys an order by {@code keccak256(abi.encode(owner, ref))}; the core keeps the order's
 * id (the ref) as 0x-prefixed lower-case hex of 32 bytes.
 */
public final class OrderIds {
    private OrderIds() {
    }

    public static byte[] toBytes32(String orderId) {
        byte[] bytes = Numeric.hexStringToByteArray(orderId);
        if (bytes.length != 32) throw new IllegalArgumentException("an order id is 32 bytes of hex: " + orderId);
        return bytes;
    }

    public static String fromBytes32(byte[] bytes) {
        return Numeric.toHexString(bytes).toLowerCase();
    }

    /** The escrow's key of {@code owner}'s order {@code orderId}, as the contract's keyOf computes it. */
    public static byte[] escrowKey(String owner, String orderId) {
        byte[] packed = new byte[64];
        byte[] address = Numeric.hexStringToByteArray(owner);
        if (address.length != 20) throw new IllegalArgumentException("an owner is a 20-byte address: " + owner);
        System.arraycopy(address, 0, packed, 12, 20);
        System.arraycopy(toBytes32(orderId), 0, packed, 32, 32);
        return Hash.sha3(packed);
    }
}
