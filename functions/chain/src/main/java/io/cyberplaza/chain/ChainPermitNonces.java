package io.cyberplaza.chain;

import io.cyberplaza.core.escrow.PermitNonces;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/** Reads {@code nonces(owner)} of any EIP-2612 token (USDC and the local test token alike). */
public final class ChainPermitNonces implements PermitNonces {
    private final Web3j web3j;
    private final String token;

    public ChainPermitNonces(Web3j web3j, String token) {
        this.web3j = web3j;
        this.token = token;
    }

    @Override
    public BigInteger nonceOf(String owner) {
        Function nonces = new Function("nonces", List.of(new Address(owner)), List.of(new TypeReference<Uint256>() { }));
        try {
            EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(owner, token, FunctionEncoder.encode(nonces)),
                    DefaultBlockParameterName.LATEST).send();
            if (call.hasError()) throw new IOException(call.getError().getMessage());
            @SuppressWarnings("rawtypes")
            List<Type> values = FunctionReturnDecoder.decode(call.getValue(), nonces.getOutputParameters());
            return (BigInteger) values.getFirst().getValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permit nonce of " + owner, e);
        }
    }
}
