package io.cyberplaza.aws;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.provisioner.aws.Ec2Vendor;
import io.cyberplaza.provisioner.azure.AzureComputeVendor;
import io.cyberplaza.store.dynamodb.TableDefinitions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml against the code: handlers exist, tables match infra/tables.json, every trigger has a sample event. */
class DeploymentTemplateTest {
    private static final Path ROOT = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
    private static Map<String, Object> template;
    private static Map<String, Map<String, Object>> resources;

    /** Reads CloudFormation's short-form intrinsics (!Ref, !Sub, ...) as plain values. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String tag : List.of("!Ref", "!Sub", "!GetAtt", "!Join", "!If", "!Equals", "!Select", "!Split", "!FindInMap")) {
                yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return switch (node) {
                            case ScalarNode scalar -> constructScalar(scalar);
                            case SequenceNode sequence -> constructSequence(sequence);
                            case MappingNode mapping -> constructMapping(mapping);
                            default -> null;
                        };
                    }
                });
            }
        }
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        template = new Yaml(new CloudFormationConstructor()).load(Files.readString(ROOT.resolve("template.yaml")));
        resources = (Map<String, Map<String, Object>>) (Map<?, ?>) template.get("Resources");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @Test
    void everyFunctionNamesAHandlerClassThatExists() throws Exception {
        int functions = 0;
        for (var resource : resources.values()) {
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) continue;
            String handler = (String) properties(resource).get("Handler");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(RequestHandler.class.isAssignableFrom(type)).as(handler).isTrue();
            functions++;
        }
        assertThat(functions).isEqualTo(10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTableMatchesTablesJson() {
        for (TableDefinitions.Table table : TableDefinitions.load().all()) {
            Map<String, Object> resource = resources.get(table.name() + "Table");
            assertThat(resource).as("a %sTable resource", table.name()).isNotNull();
            Map<String, Object> props = properties(resource);
            assertThat((String) props.get("TableName")).endsWith("-" + table.name());
            List<Map<String, String>> keys = (List<Map<String, String>>) props.get("KeySchema");
            assertThat(keys.getFirst()).containsEntry("AttributeName", table.partitionKey().name()).containsEntry("KeyType", "HASH");
            table.sortKey().ifPresentOrElse(
                    sort -> assertThat(keys.get(1)).containsEntry("AttributeName", sort.name()).containsEntry("KeyType", "RANGE"),
                    () -> assertThat(keys).hasSize(1));
            List<Map<String, Object>> indexes = (List<Map<String, Object>>) props.getOrDefault("GlobalSecondaryIndexes", List.of());
            assertThat(indexes).extracting(i -> i.get("IndexName"))
                    .containsExactlyInAnyOrderElementsOf(table.indexes().stream().map(TableDefinitions.Index::name).toList());
            Map<String, Object> ttl = (Map<String, Object>) props.get("TimeToLiveSpecification");
            assertThat(ttl == null ? null : ttl.get("AttributeName")).isEqualTo(table.ttlAttribute().orElse(null));
            assertThat((Map<String, Object>) props.get("PointInTimeRecoverySpecification")).containsEntry("PointInTimeRecoveryEnabled", true);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void queueTriggersReportPartialFailuresAndEveryTriggerHasASample() throws Exception {
        Set<String> triggerTypes = new HashSet<>();
        for (var resource : resources.values()) {
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) continue;
            var events = (Map<String, Map<String, Object>>) properties(resource).get("Events");
            for (var event : events.values()) {
                String type = (String) event.get("Type");
                triggerTypes.add(type);
                if (type.equals("SQS")) {
                    assertThat((List<String>) ((Map<String, Object>) event.get("Properties")).get("FunctionResponseTypes"))
                            .contains("ReportBatchItemFailures");
                }
            }
        }
        Map<String, String> samplePrefix = Map.of("SQS", "sqs-", "ScheduleV2", "scheduled-", "HttpApi", "apigw-v2-");
        for (String type : triggerTypes) {
            try (var files = Files.list(ROOT.resolve("events"))) {
                assertThat(files.map(f -> f.getFileName().toString()).anyMatch(f -> f.startsWith(samplePrefix.get(type))))
                        .as("a sample event for %s triggers", type).isTrue();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSecretsTheCodeReadsExistUnderThePrefixTheFunctionsAreGiven() {
        var globals = (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        var variables = (Map<String, Object>) ((Map<String, Object>) globals.get("Environment")).get("Variables");
        String prefix = (String) variables.get("CYBERPLAZA_SECRETS_PREFIX");
        assertThat(prefix).isEqualTo("cyberplaza/${Environment}/");
        Set<String> secretNames = new HashSet<>();
        for (var resource : resources.values()) {
            if ("AWS::SecretsManager::Secret".equals(resource.get("Type"))) secretNames.add((String) properties(resource).get("Name"));
        }
        assertThat(secretNames).contains(prefix + SecretStore.JWT_SIGNING_KEY, prefix + SecretStore.SETTLER_KEY,
                prefix + SecretStore.GUARDIAN_KEY, prefix + SecretStore.ARBITER_KEY,
                prefix + Ec2Vendor.WEBHOOK_KEY_SECRET, prefix + AzureComputeVendor.WEBHOOK_KEY_SECRET);
    }
}
