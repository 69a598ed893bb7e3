package io.cyberplaza.queue.sqs;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/** ElasticMQ, the SQS-compatible server, in this process on a free 127.0.0.1 port. */
public final class EmbeddedSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static EmbeddedSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, port);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this server; the credentials are placeholders ElasticMQ does not check. */
    public SqsClient client() {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
