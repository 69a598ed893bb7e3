package io.cyberplaza.chain;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.exceptions.ClientConnectionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Read-only calls to one contract by function signature, for contracts the platform does not deploy
 * (Circle's USDC): no generated wrapper, only the functions the platform relies on.
 */
final class ContractReader {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final Web3j web3j;
    private final String contract;

    ContractReader(Web3j web3j, String contract) {
        this.web3j = web3j;
        this.contract = contract;
    }

    /**
     * The decoded return values. A node that cannot answer (unreachable, rate-limited, a JSON-RPC
     * error) throws {@link UncheckedIOException}; a contract that reverts or returns nothing throws
     * {@link IllegalStateException}: only that says something about the contract.
     */
    @SuppressWarnings("rawtypes")
    List<Type> call(Function function) {
        EthCall answer;
        try {
            answer = web3j.ethCall(Transaction.createEthCallTransaction(ZERO_ADDRESS, contract, FunctionEncoder.encode(function)),
                    DefaultBlockParameterName.LATEST).send();
        } catch (IOException | ClientConnectionException e) {
            throw new UncheckedIOException(new IOException(function.getName() + "() of " + contract + " could not be read: " + e.getMessage(), e));
        }
        if (answer.hasError() && !answer.isReverted()) {
            throw new UncheckedIOException(new IOException(function.getName() + "() of " + contract + ": the node answered "
                    + answer.getError().getMessage()));
        }
        String data = answer.isReverted() ? null : answer.getValue();
        List<Type> values = data == null || data.length() <= 2 ? List.of()
                : FunctionReturnDecoder.decode(data, function.getOutputParameters());
        if (values.size() != function.getOutputParameters().size()) {
            throw new IllegalStateException(contract + " does not answer " + function.getName() + "()");
        }
        return values;
    }
}
