package io.cyberplaza.chain.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Safe 1.5.0 as published on npm ({@code @safe-global/safe-smart-account}), deployed from its own
 * build artifacts: the singleton, the proxy factory and the fallback handler that answers EIP-1271
 * for a Safe. Safes made here are 1-of-1, owned by a test key.
 */
public final class SafeDeployment {
    private static final Path ARTIFACTS = Path.of("node_modules/@safe-global/safe-smart-account/build/artifacts/contracts");
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(50_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(10_000_000L);
    private static final byte[] DOMAIN_TYPEHASH = Hash.sha3("EIP712Domain(uint256 chainId,address verifyingContract)".getBytes());
    private static final byte[] SAFE_MESSAGE_TYPEHASH = Hash.sha3("SafeMessage(bytes message)".getBytes());
    public static final String ERC6492_SUFFIX = "6492649264926492649264926492649264926492649264926492649264926492";

    private final LocalChain chain;
    private final Credentials deployer;
    public final String singleton;
    public final String factory;
    public final String fallbackHandler;

    public SafeDeployment(LocalChain chain) throws Exception {
        this.chain = chain;
        this.deployer = chain.newAccount();
        Path contracts = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).toAbsolutePath().normalize();
        this.singleton = deploy(contracts.resolve(ARTIFACTS).resolve("Safe.sol/Safe.json"));
        this.factory = deploy(contracts.resolve(ARTIFACTS).resolve("proxies/SafeProxyFactory.sol/SafeProxyFactory.json"));
        this.fallbackHandler = deploy(contracts.resolve(ARTIFACTS).resolve("handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"));
    }

    /** The call to the factory that creates the 1-of-1 Safe of {@code owner} with this salt. */
    public String creationCall(Credentials owner, long salt) {
        String setup = FunctionEncoder.encode(new Function("setup", List.of(
                new DynamicArray<>(Address.class, new Address(owner.getAddress())), new Uint256(1), Address.DEFAULT,
                new DynamicBytes(new byte[0]), new Address(fallbackHandler), Address.DEFAULT, new Uint256(0), Address.DEFAULT), List.of()));
        return FunctionEncoder.encode(new Function("createProxyWithNonce", List.of(new Address(singleton),
                new DynamicBytes(Numeric.hexStringToByteArray(setup)), new Uint256(salt)), List.of()));
    }

    /** Where the Safe would be: the factory's answer to its creation call, simulated. */
    public String predictedAddress(Credentials owner, long salt) throws IOException {
        EthCall answer = chain.web3j().ethCall(Transaction.createEthCallTransaction(deployer.getAddress(), factory, creationCall(owner, salt)),
                DefaultBlockParameterName.LATEST).send();
        if (answer.hasError()) throw new IOException(answer.getError().getMessage());
        String word = answer.getValue();
        return "0x" + word.substring(word.length() - 40).toLowerCase();
    }

    public String create(Credentials owner, long salt) throws Exception {
        String address = predictedAddress(owner, salt);
        send(factory, creationCall(owner, salt));
        return address;
    }

    public boolean isDeployed(String address) throws IOException {
        String code = chain.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }

    /**
     * The owner's signature for the Safe over {@code digest}: the EIP-712 SafeMessage of the digest, in
     * the Safe's domain, signed raw (v 27 or 28), as the fallback handler checks it.
     */
    public byte[] sign(Credentials owner, String safe, byte[] digest) {
        byte[] domain = Hash.sha3(concat(DOMAIN_TYPEHASH, word(BigInteger.valueOf(chain.chainId())), word(Numeric.toBigInt(safe))));
        byte[] message = Hash.sha3(concat(SAFE_MESSAGE_TYPEHASH, Hash.sha3(digest)));
        byte[] hash = Hash.sha3(concat(new byte[] {0x19, 0x01}, domain, message));
        Sign.SignatureData signature = Sign.signMessage(hash, owner.getEcKeyPair(), false);
        return concat(signature.getR(), signature.getS(), signature.getV());
    }

    /** ERC-6492: abi.encode(factory, creation call, signature) and the marker. */
    public byte[] wrap(Credentials owner, long salt, byte[] signature) {
        String encoded = FunctionEncoder.encodeConstructor(List.of(new Address(factory),
                new DynamicBytes(Numeric.hexStringToByteArray(creationCall(owner, salt))), new DynamicBytes(signature)));
        return Numeric.hexStringToByteArray(encoded + ERC6492_SUFFIX);
    }

    private String deploy(Path artifact) throws Exception {
        String bytecode = new ObjectMapper().readTree(artifact.toFile()).path("bytecode").asText();
        return send(null, bytecode).getContractAddress().toLowerCase();
    }

    private TransactionReceipt send(String to, String data) throws Exception {
        RawTransactionManager manager = new RawTransactionManager(chain.web3j(), deployer, chain.chainId());
        var sent = manager.sendTransaction(GAS_PRICE, GAS_LIMIT, to, data, BigInteger.ZERO);
        if (sent.hasError()) throw new IOException(sent.getError().getMessage());
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(chain.web3j(), 50, 1_200)
                .waitForTransactionReceipt(sent.getTransactionHash());
        if (!receipt.isStatusOK()) throw new IOException("transaction reverted: " + receipt.getTransactionHash());
        return receipt;
    }

    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer buffer = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) buffer.put(part);
        return buffer.array();
    }
}
