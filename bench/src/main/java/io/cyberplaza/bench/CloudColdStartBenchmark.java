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
    /** What the deployments set in JAVA_TOOL_OPTIONS (template.yaml, the Terraform modules): C1 only, the fastest to start. */
    private static final List<String> DEPLOYED_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    /**
     * One way of starting the JVM: as is, with the deployed flags, with those plus a class-data archive
     * of the app, and with those plus an ahead-of-time cache (JDK 25: classes loaded and linked, and
     * the training run's method profiles; empty on an older JDK).
     */
    private record Timings(List<Long> plain, List<Long> deployed, List<Long> archived, List<Long> aotCache) {
    }

    /** The release whose JVM reads an ahead-of-time cache made by one training run (JEP 514). */
    private static final int AOT_CACHE_RELEASE = 25;

    private CloudColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.root", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("cyberplaza-coldstart");
        Path benchJar = Path.of(CloudColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String jwtKey = UUID.randomUUID() + "-" + UUID.randomUUID();

        Timings aws;
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

        Timings azure;
        try (AzuriteServer azurite = AzuriteServer.start(work.resolve("azurite.log"))) {
            Path app = root.resolve("functions/azure/target/azure-functions/cyberplaza-functions");
            // The Functions host provides the core library (ExecutionContext, HttpRequestMessage); the app does not ship it.
            String classpath = app.resolve("cyberplaza-azure-0.1.0-SNAPSHOT.jar") + ":" + jars(app.resolve("lib")) + ":" + benchJar + ":"
                    + onClasspath("azure-functions-java-core-library");
            azure = coldStarts(root, "azure", classpath, List.of("-Dcyberplaza.azure.storage=" + azurite.connectionString(),
                    "-Dcyberplaza.secret.jwt-signing-key=" + jwtKey), AzureColdStart.class.getName());
        }

        Timings gcp;
        try (GoogleCloudEmulator firestore = GoogleCloudEmulator.start(GoogleCloudEmulator.Kind.FIRESTORE, work.resolve("firestore.log"))) {
            Path functions = unzip(root.resolve("functions/gcp/target/cyberplaza-gcp.zip"), work.resolve("gcp-package"));
            // The Functions Framework provides its API; the package does not ship it.
            String classpath = functions.resolve("cyberplaza-gcp-0.1.0-SNAPSHOT.jar") + ":" + benchJar + ":" + onClasspath("functions-framework-api");
            gcp = coldStarts(root, "gcp", classpath, List.of("-Dcyberplaza.gcp.project=cyberplaza-bench",
                    "-Dcyberplaza.gcp.firestore.emulator-host=" + firestore.hostPort(), "-Dcyberplaza.gcp.pubsub.emulator-host=127.0.0.1:1",
                    "-Dcyberplaza.secret.jwt-signing-key=" + jwtKey), GcpColdStart.class.getName());
        }

        System.out.println("API handler cold start, JVM start to first answered GET /health (ms; median of " + COLD_STARTS + ")");
        print("AWS Lambda (ApiHandler)", aws);
        print("Azure Functions (ApiFunction)", azure);
        print("Google Cloud Functions (ApiFunction)", gcp);
        System.out.printf("{\"benchmark\":\"cloud-cold-start\",\"awsApiColdStartMs\":%d,\"azureApiColdStartMs\":%d,\"gcpApiColdStartMs\":%d,"
                        + "\"awsApiColdStartArchivedMs\":%d,\"azureApiColdStartArchivedMs\":%d,\"gcpApiColdStartArchivedMs\":%d,"
                        + "\"awsApiColdStartPlainMs\":%d,\"azureApiColdStartPlainMs\":%d,\"gcpApiColdStartPlainMs\":%d,"
                        + "\"awsApiColdStartAotCacheMs\":%d,\"azureApiColdStartAotCacheMs\":%d,\"gcpApiColdStartAotCacheMs\":%d}%n",
                FreshJvm.median(aws.deployed()), FreshJvm.median(azure.deployed()), FreshJvm.median(gcp.deployed()),
                FreshJvm.median(aws.archived()), FreshJvm.median(azure.archived()), FreshJvm.median(gcp.archived()),
                FreshJvm.median(aws.plain()), FreshJvm.median(azure.plain()), FreshJvm.median(gcp.plain()),
                medianOrZero(aws.aotCache()), medianOrZero(azure.aotCache()), medianOrZero(gcp.aotCache()));
    }

    private static void print(String name, Timings timings) {
        FreshJvm.print(name + ", no flags", timings.plain());
        FreshJvm.print(name + ", deployed flags", timings.deployed());
        FreshJvm.print(name + ", deployed flags + CDS", timings.archived());
        if (!timings.aotCache().isEmpty()) FreshJvm.print(name + ", deployed flags + AOT cache", timings.aotCache());
    }

    private static long medianOrZero(List<Long> values) {
        return values.isEmpty() ? 0 : FreshJvm.median(values);
    }

    private static Timings coldStarts(Path root, String cloud, String classpath, List<String> properties, String... main) throws Exception {
        Path log = root.resolve("bench/target/coldstart-" + cloud + ".log");
        Path archive = root.resolve("bench/target/coldstart-" + cloud + ".jsa");
        Files.deleteIfExists(archive);
        // The training start: the classes one cold start loads, archived at its exit, as a build step would.
        FreshJvm.millis(command(root, classpath, properties, List.of("-XX:ArchiveClassesAtExit=" + archive), main), log, cloud);
        List<String> archived = new ArrayList<>(DEPLOYED_FLAGS);
        archived.add("-XX:SharedArchiveFile=" + archive);
        List<Long> aotCache = List.of();
        if (Runtime.version().feature() >= AOT_CACHE_RELEASE) {
            Path cache = root.resolve("bench/target/coldstart-" + cloud + ".aot");
            Files.deleteIfExists(cache);
            FreshJvm.millis(command(root, classpath, properties, List.of("-XX:AOTCacheOutput=" + cache), main), log, cloud);
            List<String> cached = new ArrayList<>(DEPLOYED_FLAGS);
            cached.add("-XX:AOTCache=" + cache);
            aotCache = times(command(root, classpath, properties, cached, main), log, cloud);
        }
        return new Timings(times(command(root, classpath, properties, List.of(), main), log, cloud),
                times(command(root, classpath, properties, DEPLOYED_FLAGS, main), log, cloud),
                times(command(root, classpath, properties, archived, main), log, cloud), aotCache);
    }

    private static List<String> command(Path root, String classpath, List<String> properties, List<String> flags, String... main) {
        List<String> command = new ArrayList<>(List.of(FreshJvm.java()));
        command.addAll(flags);
        command.addAll(properties);
        command.addAll(List.of("-Dcyberplaza.root=" + root, "-cp", classpath));
        command.addAll(List.of(main));
        return command;
    }

    private static List<Long> times(List<String> command, Path log, String cloud) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < COLD_STARTS; i++) times.add(FreshJvm.millis(command, log, cloud));
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
