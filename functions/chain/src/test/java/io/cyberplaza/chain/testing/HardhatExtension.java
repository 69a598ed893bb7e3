package io.cyberplaza.chain.testing;

import io.cyberplaza.chain.HardhatNode;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * Starts one Hardhat node per test JVM on a free loopback port and stops it when the run ends.
 * Inject {@link LocalChain} into constructors, lifecycle methods or tests.
 */
public final class HardhatExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HardhatExtension.class);

    private record Running(HardhatNode node, LocalChain chain) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalChain.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> start(), Running.class).chain();
    }

    private static Running start() {
        Path contracts = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).toAbsolutePath().normalize();
        Path log = Path.of("target", "hardhat-node.log").toAbsolutePath();
        try {
            HardhatNode node = HardhatNode.start(contracts, log);
            return new Running(node, new LocalChain(node));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the Hardhat node (log: " + log + ")", e);
        }
    }
}
