package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every secret the end-to-end suites handle, so LogsTest can look for each in what they logged. */
final class LeakWatch {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private LeakWatch() {
    }

    static Set<String> secrets() {
        return Set.copyOf(SECRETS);
    }

    /** The stack's session key and settler key, from its secrets file. */
    static LocalMarketplace watch(LocalMarketplace stack) throws IOException {
        JsonNode secrets = new ObjectMapper().readTree(Files.readString(Path.of((String) stack.configuration().get("cyberplaza.secrets.file"))));
        secrets.properties().forEach(secret -> add(secret.getValue().asText()));
        return stack;
    }

    /** A buyer's wallet key and session token. */
    static BuyerClient watch(BuyerClient buyer) {
        add(Numeric.toHexStringNoPrefixZeroPadded(buyer.wallet.getEcKeyPair().getPrivateKey(), 64));
        add(buyer.token());
        // The token's signature part alone is as good as the token to someone reading logs.
        add(buyer.token().substring(buyer.token().lastIndexOf('.') + 1));
        return buyer;
    }

    private static final Set<String> COUPON_CODES = ConcurrentHashMap.newKeySet();

    /** Coupon codes the suites handed out: secrets of their owners. */
    static void couponCodes(java.util.Collection<String> codes) {
        COUPON_CODES.addAll(codes);
        codes.forEach(LeakWatch::add);
    }

    static Set<String> couponCodes() {
        return Set.copyOf(COUPON_CODES);
    }

    private static void add(String secret) {
        if (secret != null && secret.length() >= 16) SECRETS.add(secret);
    }
}
