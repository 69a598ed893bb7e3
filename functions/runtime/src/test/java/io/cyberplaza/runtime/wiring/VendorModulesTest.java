package io.cyberplaza.runtime.wiring;

import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.vendor.VendorExtension;
import io.cyberplaza.vendor.VendorModule;
import io.cyberplaza.vendor.Vendors;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each vendor is one module: the wiring finds every module the package carries, each contributes
 * its own provisioner from its own settings and secrets, and no other platform source names it.
 */
class VendorModulesTest {
    /** The composition of the local stack on this machine: it starts vendors' stand-ins (a Slurm cluster, moto's EC2) by name. */
    private static final Set<String> MAY_NAME_VENDORS = Set.of("functions/local");
    /** Words that name a vendor besides its kind; the clouds that host the platform share names with some, so only unambiguous ones. */
    private static final Map<String, List<String>> VENDOR_WORDS = Map.of("alibaba-ecs", List.of("alibaba", "aliyun"),
            "aws-ec2", List.of("ec2"));

    @Test
    void everyVendorModuleIsFoundWithItsOwnKindAndCallbackRoute() {
        Vendors vendors = Vendors.discovered();

        assertThat(vendors.modules()).extracting(VendorModule::kind)
                .containsExactly("alibaba-ecs", "aws-ec2", "azure-compute", "gcp-compute", "local-process", "slurm");
        assertThat(vendors.callbackRoutes()).containsExactly("aws", "azure", "gcp");
        assertThat(vendors.secretNames()).contains("slurm-jwt-key", "webhook-aws-key", "azure-client-secret")
                .doesNotContain(SecretStore.SETTLER_KEY, SecretStore.JWT_SIGNING_KEY);
    }

    @Test
    void aDeploymentRunsTheProvisionersItEnablesAndNoOthers() {
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                "cyberplaza.provisioners.local-process.root", System.getProperty("java.io.tmpdir"),
                "cyberplaza.provisioners.aws-ec2.enabled", "true",
                "cyberplaza.provisioners.aws-ec2.regions", "eu-west-1",
                "cyberplaza.provisioners.aws-ec2.endpoint", "http://127.0.0.1:9")).start()) {
            context.registerSingleton(SecretStore.class, name -> {
                throw new AssertionError("no enabled vendor reads a secret here, yet " + name + " was read");
            });
            Provisioners provisioners = context.getBean(Provisioners.class);

            assertThat(provisioners.kinds()).containsExactlyInAnyOrder("local-process", "aws-ec2");
            assertThat(provisioners.forKind("aws-ec2").kind()).isEqualTo("aws-ec2");
        }
    }

    @Test
    void aModuleReadsOnlyTheSecretsItDeclared() {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            context.registerSingleton(new VendorExtension("aws-ec2", "the EC2 module's"));
            context.registerSingleton(new VendorExtension("slurm", "the Slurm module's"));
            ConfiguredVendorSettings settings = new ConfiguredVendorSettings("slurm", context.getEnvironment(), "cyberplaza.provisioners.slurm",
                    context.getProvider(SecretStore.class), Set.of("slurm-jwt-key"), java.time.Clock.systemUTC(), context);

            assertThatThrownBy(() -> settings.secret(SecretStore.SETTLER_KEY)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(SecretStore.SETTLER_KEY);
            assertThatThrownBy(() -> settings.required("endpoint")).hasMessageContaining("cyberplaza.provisioners.slurm.endpoint");
            assertThat(settings.extensions(String.class)).containsExactly("the Slurm module's");
            assertThat(settings.extensions(SecretStore.class)).isEmpty();
        }
    }

    @Test
    void aModuleThatClaimsThePlatformsSecretsOrItsRoutesIsRefusedAtStart() {
        VendorModule greedy = new Module("greedy", Set.of(SecretStore.SETTLER_KEY));
        assertThatThrownBy(() -> new Vendors(List.of(greedy))).hasMessageContaining(SecretStore.SETTLER_KEY);
        assertThatThrownBy(() -> new Vendors(List.of(new Module("a", Set.of()), new Module("a", Set.of())))).hasMessageContaining("kind a");
        assertThatThrownBy(() -> new Vendors(List.of(new Module("Upper Case", Set.of())))).hasMessageContaining("not a name");
    }

    @Test
    void aKindEnabledWithNoModuleToBuildItStopsTheFunctionAtStart() {
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                "cyberplaza.provisioners.made-up-cloud.enabled", "yes")).start()) {
            assertThatThrownBy(() -> context.getBean(Provisioners.class)).rootCause().hasMessageContaining("made-up-cloud");
        }
    }

    private record Module(String kind, Set<String> secretNames) implements VendorModule {
        @Override
        public java.util.Optional<io.cyberplaza.provisioner.Provisioner> provisioner(io.cyberplaza.vendor.VendorSettings settings) {
            return java.util.Optional.empty();
        }
    }

    @Test
    void noPlatformSourceOutsideAVendorsModuleNamesTheVendor() throws IOException {
        Path root = repositoryRoot();
        List<String> namings = new ArrayList<>();
        for (VendorModule vendor : Vendors.discovered().modules()) {
            Path home = moduleOf(root, vendor);
            List<Pattern> names = new ArrayList<>();
            names.add(word(vendor.kind()));
            names.add(Pattern.compile(Pattern.quote(vendor.getClass().getPackageName() + ".")));
            vendor.secretNames().forEach(secret -> names.add(word(secret)));
            VENDOR_WORDS.getOrDefault(vendor.kind(), List.of()).forEach(extra -> names.add(word(extra)));
            for (Path source : platformSources(root)) {
                if (source.startsWith(home) || MAY_NAME_VENDORS.stream().anyMatch(allowed -> source.startsWith(root.resolve(allowed)))) continue;
                // Identifiers count too: SlurmUsage and ec2Client name their vendors as surely as a comment does.
                String text = Files.readString(source).replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
                names.stream().filter(name -> name.matcher(text).find())
                        .forEach(name -> namings.add(root.relativize(source) + " names " + vendor.kind() + " (" + name + ")"));
            }
        }
        assertThat(namings).isEmpty();
    }

    private static Pattern word(String name) {
        return Pattern.compile("(?<![a-z0-9])" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![a-z0-9])");
    }

    /** The module whose classes the vendor's implementation is in: the directory its sources live under. */
    private static Path moduleOf(Path root, VendorModule vendor) throws IOException {
        String file = vendor.getClass().getName().replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(root.resolve("provisioners"))) {
            return modules.filter(module -> Files.exists(module.resolve("src/main/java").resolve(file))).findFirst()
                    .orElseThrow(() -> new AssertionError("no module holds " + file));
        }
    }

    private static List<Path> platformSources(Path root) {
        List<Path> sources = new ArrayList<>();
        for (String group : List.of("functions", "provisioners")) {
            try (Stream<Path> files = Files.walk(root.resolve(group))) {
                files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/java/")).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(sources).hasSizeGreaterThan(100);
        return sources;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".ci/run"))) dir = dir.getParent();
        assertThat(dir).as("the repository's root").isNotNull();
        return dir;
    }
}
