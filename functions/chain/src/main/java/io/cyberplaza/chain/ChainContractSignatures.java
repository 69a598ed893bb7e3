package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.SignatureProbe;
import io.cyberplaza.core.auth.ContractSignatures;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Asks the chain by simulating the creation of {@link SignatureProbe} (ERC-6492's off-chain
 * verification): one {@code eth_call}, nothing sent, no contract of ours deployed.
 */
public final class ChainContractSignatures implements ContractSignatures {
    /**
     * Enough to deploy a counterfactual Safe and ask it (about 300,000 gas), and a ceiling on what one
     * forged sign-in can make the node compute: the wrapper's factory call is the caller's choice.
     */
    static final BigInteger PROBE_GAS = BigInteger.valueOf(2_000_000);
    /** What a node answers for a simulation that reverted (EIP-1474's "execution reverted"). */
    private static final int EXECUTION_REVERTED = 3;

    private final Web3j web3j;

    public ChainContractSignatures(Web3j web3j) {
        this.web3j = web3j;
    }

    @Override
    public boolean accepts(String account, byte[] digest, byte[] signature) {
        String creation = "0x" + SignatureProbe.BINARY + FunctionEncoder.encodeConstructor(
                List.of(new Address(account), new Bytes32(digest), new DynamicBytes(signature)));
        Transaction probe = new Transaction(null, null, null, PROBE_GAS, null, BigInteger.ZERO, creation);
        EthCall answer;
        try {
            answer = web3j.ethCall(probe, DefaultBlockParameterName.LATEST).send();
        } catch (IOException | RuntimeException unreachable) {
            throw unavailable();
        }
        if (answer.hasError()) {
            // A malformed wrapper, a factory that fails or an account that reverts: not a signature it accepts.
            // Anything else (a node behind, a rate limit, a timeout) is no answer, never a refusal.
            if (isRevert(answer.getError())) return false;
            throw unavailable();
        }
        return "0x01".equals(answer.getValue());
    }

    /** Some nodes answer a revert with -32000 or -32603 and the same words instead of EIP-1474's code. */
    private static boolean isRevert(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        return error.getCode() == EXECUTION_REVERTED || message.contains("reverted");
    }

    private static DomainException unavailable() {
        return new DomainException(ErrorType.CHAIN_UNAVAILABLE, "the signature of a contract account could not be checked on chain just now; retry shortly");
    }
}
