package io.cyberplaza.chain;

import org.web3j.utils.Numeric;

/** The escrow keys orders by bytes32; the core keeps them as 0x-prefixed lower-case hex. */
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
}
