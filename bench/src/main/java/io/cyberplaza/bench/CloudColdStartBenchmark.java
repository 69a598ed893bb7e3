package io.cyberplaza.bench;

import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.local.LocalMarketplace;
import io.cyberplaza.testing.AzuriteServer;
import io.cyberplaza.testing.GoogleCloudEmulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The API handler's cold start on each cloud's own entry point, each in fresh JVMs on the jars its
 * deployable ships (the Lambda zip, the Azure app staged by Maven, the Cloud Functions package): JVM
 * start to the first answered GET /health. The backing services are the local stand-ins (DynamoDB
 * Local and the local chain for AWS, Azurite, the Firestore emulator).
 */
public final class CloudColdStartBenchmark {
    private static final int COLD_STARTS = 5;

    private CloudColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.root", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("cyberplaza-coldstart");
        Path benchJar = Path.of(CloudColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String jwtKey = UUID.randomUUID() + "-" + UUID.randomUUID();

        List<Long> aws;
        try (LocalMarketplace stack = LocalMarketplace.start(root, work.resolve("aws"), new LocalMarketplace.Options(false, Map.of()))) {
            Path lambda = unzip(root.resolve("functions/aws/target/cyberplaza-aws-lambda.zip"), work.resolve("aws-package"));
            // The deployed function reads its secrets from Secrets Manager (here moto's), not the local runner's file.
            try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(stack.ec2Endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
                secrets.createSecret(r -> r.name("cyberplaza/bench/" + SecretStore.JWT_SIGNING_KEY).secretString(jwtKey));
            }
            List<String> properties = new ArrayList<>(List.of("-Dcyberplaza.secrets.store=aws-secrets-manager",
                    "-Dcyberplaza.secrets.prefix=cyberplaza/bench/", "-Dcyberplaza.secrets.endpoint=" + stack.ec2Endpoint()));
            stack.configuration().forEach((key, value) -> {
                if (key.startsWith("micronaut.server") || key.startsWith("cyberplaza.secrets.")) return;
                String text = value instanceof List<?> list ? String.join(",", list.stream().map(Object::toString).toList()) : value.toString();
                properties.add("-D" + key + "=" + text);
            });
            // The Lambda runtime provides its event serialization; the package does not ship it.
            String classpath = jars(lambda.resolve("lib")) + ":" + benchJar + ":" + onClasspath("aws-lambda-java-serialization");
            aws = coldStarts(root, "aws", classpath, properties, ColdStart.class.getName(), "api");
        }

        List<Long> azure;
        try (AzuriteServer azurite = AzuriteServer.start(work.resolve("azurite.log"))) {
            Path app = root.resolve("functions/azure/target/azure-functions/cyberplaza-functions");
            // The Functions host provides the core library (ExecutionContext, HttpRequestMessage); the app does not ship it.
            String classpath = app.resolve("cyberplaza-azure-0.1.0-SNAPSHOT.jar") + ":" + jars(app.resolve("lib")) + ":" + benchJar + ":"
                    + onClasspath("azure-functions-java-core-library");
            azure = coldStarts(root, "azure", classpath, List.of("-Dcyberplaza.azure.storage=" + azurite.connectionString(),
                    "-Dcyberplaza.secret.jwt-signing-key=" + jwtKey), AzureColdStart.class.getName());
        }

        List<Long> gcp;
        try (GoogleCloudEmulator firestore = GoogleCloudEmulator.start(GoogleCloudEmulator.Kind.FIRESTORE, work.resolve("firestore.log"))) {
            Path functions = unzip(root.resolve("functions/gcp/target/cyberplaza-gcp.zip"), work.resolve("gcp-package"));
            // The Functions Framework provides its API; the package does not ship it.
            String classpath = functions.resolve("cyberplaza-gcp-0.1.0-SNAPSHOT.jar") + ":" + benchJar + ":" + onClasspath("functions-framework-api");
            gcp = coldStarts(root, "gcp", classpath, List.of("-Dcyberplaza.gcp.project=cyberplaza-bench",
                    "-Dcyberplaza.gcp.firestore.emulator-host=" + firestore.hostPort(), "-Dcyberplaza.gcp.pubsub.emulator-host=127.0.0.1:1",
                    "-Dcyberplaza.secret.jwt-signing-key=" + jwtKey), GcpColdStart.class.getName());
        }

        System.out.println("API handler cold start, JVM start to first answered GET /health (ms; median of " + COLD_STARTS + ")");
        FreshJvm.print("AWS Lambda (ApiHandler)", aws);
        FreshJvm.print("Azure Functions (ApiFunction)", azure);
        FreshJvm.print("Google Cloud Functions (ApiFunction)", gcp);
        System.out.printf("{\"benchmark\":\"cloud-cold-start\",\"awsApiColdStartMs\":%d,\"azureApiColdStartMs\":%d,\"gcpApiColdStartMs\":%d}%n",
                FreshJvm.median(aws), FreshJvm.median(azure), FreshJvm.median(gcp));
    }

    private static List<Long> coldStarts(Path root, String cloud, String classpath, List<String> properties, String... main) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < COLD_STARTS; i++) {
            List<String> command = new ArrayList<>(List.of(FreshJvm.java()));
            command.addAll(properties);
            command.addAll(List.of("-Dcyberplaza.root=" + root, "-cp", classpath));
            command.addAll(List.of(main));
            times.add(FreshJvm.millis(command, root.resolve("bench/target/coldstart-" + cloud + ".log"), cloud));
        }
        return times;
    }

    private static String jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return String.join(":", files.filter(f -> f.toString().endsWith(".jar")).sorted().map(Path::toString).toList());
        }
    }

    private static String onClasspath(String artifact) {
        return Stream.of(System.getProperty("java.class.path").split(":")).filter(entry -> entry.contains(artifact)).findFirst()
                .orElseThrow(() -> new IllegalStateException(artifact + " is not on the benchmark's classpath"));
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) throw new IOException("an entry outside the package: " + entry.getName());
                if (entry.isDirectory()) Files.createDirectories(target);
                else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
        return into;
    }
}
