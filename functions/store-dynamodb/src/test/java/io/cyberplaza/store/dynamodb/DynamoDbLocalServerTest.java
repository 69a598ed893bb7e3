package io.cyberplaza.store.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class DynamoDbLocalServerTest {

    @Test
    void servesDynamoDbOnLoopbackOnly() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start();
             DynamoDbClient client = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            TableNames names = new TableNames("srv-");
            TableDefinitions.load().createMissing(client, names);
            assertThat(client.listTables().tableNames()).contains(names.of("Orders"));
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            // Not reachable on any other address of this machine.
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) continue;
                    boolean connected;
                    try (Socket socket = new Socket()) {
                        socket.connect(new java.net.InetSocketAddress(address, server.endpoint().getPort()), 300);
                        connected = true;
                    } catch (java.io.IOException refused) {
                        connected = false;
                    }
                    assertThat(connected).as("reachable on %s", address).isFalse();
                }
            }
        }
    }
}
