package io.cyberplaza.chain;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Read-only calls to one contract by function signature, for contracts the platform does not deploy
 * (Circle's USDC): no generated wrapper, only the functions the platform relies on.
 */
final class ContractReader {
    private final ReadonlyTransactionManager reader;
    private final String contract;

    ContractReader(Web3j web3j, String contract) {
        this.reader = new ReadonlyTransactionManager(web3j, contract);
        this.contract = contract;
    }

    /** The decoded return values; throws when the node cannot be reached or the call reverts or returns nothing. */
    @SuppressWarnings("rawtypes")
    List<Type> call(Function function) {
        String data;
        try {
            data = reader.sendCall(contract, FunctionEncoder.encode(function), DefaultBlockParameterName.LATEST);
        } catch (IOException e) {
            throw new UncheckedIOException(function.getName() + "() of " + contract + " could not be read", e);
        }
        List<Type> values = data == null || data.length() <= 2 ? List.of()
                : FunctionReturnDecoder.decode(data, function.getOutputParameters());
        if (values.size() != function.getOutputParameters().size()) {
            throw new IllegalStateException(contract + " does not answer " + function.getName() + "()");
        }
        return values;
    }
}
