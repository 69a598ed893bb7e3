package io.cyberplaza.bench;

import io.cyberplaza.core.run.LeakReconciler;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.provisioner.aws.Ec2Provisioner;
import io.cyberplaza.provisioner.aws.Ec2Settings;
import io.cyberplaza.provisioner.aws.Ec2Vendor;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.store.dynamodb.DynamoDbLocalServer;
import io.cyberplaza.store.dynamodb.DynamoStores;
import io.cyberplaza.store.dynamodb.TableDefinitions;
import io.cyberplaza.store.dynamodb.TableNames;
import io.cyberplaza.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the leak reconciler takes to find and terminate 100 leaked EC2 instances: moto's EC2,
 * the Orders and Instances tables on DynamoDB Local, and the adapter behind its resilience layer
 * with EC2's documented request budgets (terminations draw on the mutating bucket: 50, then 5 a second).
 */
public final class LeakReconcilerBenchmark {
    private static final int LEAKS = 100;

    private LeakReconcilerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Files.createTempDirectory("cyberplaza-bench-leaks");
        try (MotoServer moto = MotoServer.start(state.resolve("moto.log"));
             DynamoDbLocalServer dynamo = DynamoDbLocalServer.start();
             DynamoDbClient dynamoClient = DynamoDbClient.builder().endpointOverride(dynamo.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
             Ec2Client admin = Ec2Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            TableNames names = new TableNames("bench-");
            TableDefinitions.load().createMissing(dynamoClient, names);
            DynamoStores stores = new DynamoStores(dynamoClient, names);
            for (int i = 0; i < LEAKS; i++) {
                String orderId = "0x" + HexFormat.of().formatHex(randomBytes());
                admin.runInstances(r -> r.imageId("ami-760aaa0f").instanceType("t3.micro").minCount(1).maxCount(1)
                        .tagSpecifications(t -> t.resourceType("instance").tags(Tag.builder().key(Ec2Provisioner.ORDER_TAG).value(orderId).build(),
                                Tag.builder().key(Ec2Provisioner.ENV_TAG).value("bench").build())));
            }
            ResilientProvisioner ec2 = new ResilientProvisioner(new Ec2Provisioner(new Ec2Settings("bench", List.of("us-east-1"), Map.of(),
                    moto.endpoint(), List.of())), Ec2Vendor.POLICY);
            LeakReconciler reconciler = new LeakReconciler(new Provisioners(List.of(ec2)), stores.orders(), stores.instances(),
                    Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), Duration.ofMinutes(15));

            long started = System.nanoTime();
            LeakReconciler.Report report = reconciler.reconcile();
            long millis = (System.nanoTime() - started) / 1_000_000;
            ec2.close();

            System.out.println();
            System.out.printf("Leak reconciler: %d owned, %d leaked, %d terminated, %d confirmed gone in %,d ms%n",
                    report.owned(), report.leaked(), report.terminated(), report.confirmed(), millis);
            System.out.printf("{\"benchmark\":\"leak-reconciler\",\"leaked\":%d,\"terminatedAndConfirmed\":%d,\"millis\":%d}%n",
                    report.leaked(), report.confirmed(), millis);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
