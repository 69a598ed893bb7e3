package io.cyberplaza.chain;

import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.chain.testing.SafeDeployment;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract accounts' signatures asked of a Hardhat node, with real Safes (1.5.0, from npm) made on it. */
@ExtendWith(HardhatExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainContractSignaturesTest {
    private final LocalChain chain;
    private final ChainContractSignatures signatures;
    private SafeDeployment safes;

    ChainContractSignaturesTest(LocalChain chain) {
        this.chain = chain;
        this.signatures = new ChainContractSignatures(chain.web3j());
    }

    @BeforeAll
    void deploySafe() throws Exception {
        safes = new SafeDeployment(chain);
    }

    private static byte[] digest(String text) {
        return Sign.getEthereumMessageHash(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Credentials key() throws Exception {
        return Credentials.create(Keys.createEcKeyPair());
    }

    @Test
    void aDeployedSafeAcceptsItsOwnersSignatureAndNothingElse() throws Exception {
        Credentials owner = key();
        String safe = safes.create(owner, 1);
        byte[] digest = digest("sign in");

        assertThat(signatures.accepts(safe, digest, safes.sign(owner, safe, digest))).isTrue();
        assertThat(signatures.accepts(safe, digest, safes.sign(key(), safe, digest))).as("a stranger's key").isFalse();
        assertThat(signatures.accepts(safe, digest("another message"), safes.sign(owner, safe, digest))).as("another digest").isFalse();
        String otherSafe = safes.create(owner, 2);
        assertThat(signatures.accepts(otherSafe, digest, safes.sign(owner, safe, digest))).as("the same owner's other Safe").isFalse();
        assertThat(signatures.accepts(safe, digest, new byte[] {1, 2, 3})).as("garbage").isFalse();
    }

    @Test
    void aSafeNotDeployedYetSignsThroughItsErc6492WrapperAndStaysUndeployed() throws Exception {
        Credentials owner = key();
        String safe = safes.predictedAddress(owner, 7);
        byte[] digest = digest("sign in before the first transaction");
        byte[] signature = safes.sign(owner, safe, digest);

        assertThat(signatures.accepts(safe, digest, signature)).as("no code and no wrapper: nothing to ask").isFalse();
        assertThat(signatures.accepts(safe, digest, safes.wrap(owner, 7, signature))).isTrue();
        assertThat(safes.isDeployed(safe)).as("checking simulated the deployment, never sent it").isFalse();

        assertThat(signatures.accepts(safe, digest, safes.wrap(owner, 8, signature))).as("a wrapper that deploys another Safe").isFalse();
        assertThat(signatures.accepts(safe, digest, safes.wrap(owner, 7, safes.sign(key(), safe, digest)))).as("a stranger's key").isFalse();
        byte[] truncated = safes.wrap(owner, 7, signature);
        byte[] mangled = Arrays.copyOfRange(truncated, 40, truncated.length);
        assertThat(signatures.accepts(safe, digest, mangled)).as("a wrapper that does not decode").isFalse();
    }

    @Test
    void aSafeDeployedSinceItsWrappedSignatureStillAcceptsIt() throws Exception {
        Credentials owner = key();
        String safe = safes.predictedAddress(owner, 11);
        byte[] digest = digest("signed before, checked after");
        byte[] wrapped = safes.wrap(owner, 11, safes.sign(owner, safe, digest));
        safes.create(owner, 11);
        assertThat(signatures.accepts(safe, digest, wrapped)).isTrue();
    }

    @Test
    void aKeysSignatureIsCheckedByRecoveryAndANodeThatCannotAnswerIsNoAnswer() throws Exception {
        Credentials wallet = key();
        byte[] digest = digest("a key signs");
        Sign.SignatureData signed = Sign.signMessage(digest, wallet.getEcKeyPair(), false);
        byte[] signature = Numeric.hexStringToByteArray(Numeric.toHexStringNoPrefix(signed.getR()) + Numeric.toHexStringNoPrefix(signed.getS())
                + Numeric.toHexStringNoPrefix(signed.getV()));
        assertThat(signatures.accepts(wallet.getAddress(), digest, signature)).isTrue();
        assertThat(signatures.accepts(key().getAddress(), digest, signature)).isFalse();

        // A node that answers with an error of its own (behind, rate-limited) has not judged the signature.
        com.sun.net.httpserver.HttpServer busy = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        busy.createContext("/", exchange -> {
            byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,\"message\":\"rate limit exceeded\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        busy.start();
        Web3j limited = Web3j.build(new HttpService("http://127.0.0.1:" + busy.getAddress().getPort()));
        try {
            assertThatThrownBy(() -> new ChainContractSignatures(limited).accepts(wallet.getAddress(), digest, signature))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.CHAIN_UNAVAILABLE));
        } finally {
            limited.shutdown();
            busy.stop(0);
        }

        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Web3j nowhere = Web3j.build(new HttpService("http://127.0.0.1:" + closed));
        try {
            assertThatThrownBy(() -> new ChainContractSignatures(nowhere).accepts(wallet.getAddress(), digest, signature))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.CHAIN_UNAVAILABLE));
        } finally {
            nowhere.shutdown();
        }
    }
}
