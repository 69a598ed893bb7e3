package io.cyberplaza.multicloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cyberplaza.core.queue.OrderMessage;
import io.cyberplaza.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every handler and entry point the deployment code names (template.yaml, infra/terraform, and the
 * function.json files Maven generates for Azure) exists, has the shape its trigger calls, and reads
 * its trigger's sample from events/.
 */
class DeploymentEntryPointsTest {
    private static final Path ROOT = RepositoryRoot.find();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Which samples a Lambda handler's input type is fed in events/. */
    private static final Map<String, String> LAMBDA_SAMPLES = Map.of(
            "ScheduledEvent", "scheduled-", "SQSEvent", "sqs-", "APIGatewayV2HTTPEvent", "apigw-v2-");

    private static Set<String> matches(Path file, String regex) throws Exception {
        Set<String> found = new TreeSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file));
        while (matcher.find()) found.add(matcher.group(1));
        return found;
    }

    private static List<Path> samples(String prefix) throws Exception {
        try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    @Test
    void theLambdaHandlersOfTheTemplateAndOfTerraformAreTheSameAndEachReadsItsSamples() throws Exception {
        Set<String> template = matches(ROOT.resolve("template.yaml"), "Handler:\\s*(\\S+)");
        Set<String> terraform = matches(ROOT.resolve("infra/terraform/aws/functions.tf"), "handler\\s*=\\s*\"([^\"]+)\"");
        assertThat(terraform).isEqualTo(template).hasSize(10);

        for (String handler : template) {
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(RequestHandler.class).as(handler).isAssignableFrom(type);
            Class<?> input = lambdaInputOf(type);
            List<Path> samples = samples(LAMBDA_SAMPLES.get(input.getSimpleName()));
            assertThat(samples).as("samples of %s for %s", input.getSimpleName(), handler).isNotEmpty();
            for (Path sample : samples) {
                Object event = LambdaEventSerializers.serializerFor(input, getClass().getClassLoader()).fromJson(Files.readString(sample));
                assertThat(event).as("%s read as %s", sample.getFileName(), input.getSimpleName()).isNotNull();
            }
        }
    }

    /** The I of the RequestHandler&lt;I, O&gt; the class implements, wherever in its ancestry. */
    private static Class<?> lambdaInputOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type generic : Stream.concat(Stream.of(c.getGenericSuperclass()), Arrays.stream(c.getGenericInterfaces())).toList()) {
                if (generic instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments()[0] instanceof Class<?> input
                        && LAMBDA_SAMPLES.containsKey(input.getSimpleName())) {
                    return input;
                }
            }
        }
        throw new AssertionError(type + " takes no event type with samples");
    }

    @Test
    void everyAzureFunctionTheHostLoadsExistsWithItsTriggerAndItsSettingsAreDeployed() throws Exception {
        Path app = ROOT.resolve("functions/azure/target/azure-functions/cyberplaza-functions");
        String appSettings = Files.readString(ROOT.resolve("infra/terraform/azure/functions.tf"));
        Set<String> triggers = new TreeSet<>();
        try (Stream<Path> functions = Files.list(app)) {
            for (Path functionJson : functions.map(dir -> dir.resolve("function.json")).filter(Files::exists).toList()) {
                JsonNode function = JSON.readTree(functionJson.toFile());
                String entryPoint = function.path("entryPoint").asText();
                Class<?> type = Class.forName(entryPoint.substring(0, entryPoint.lastIndexOf('.')));
                String methodName = entryPoint.substring(entryPoint.lastIndexOf('.') + 1);
                Method method = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(methodName)).findFirst().orElseThrow();
                JsonNode trigger = function.path("bindings").get(0);
                triggers.add(trigger.path("type").asText());
                Class<?> expected = trigger.path("type").asText().equals("httpTrigger") ? HttpRequestMessage.class : String.class;
                assertThat(method.getParameterTypes()).as(entryPoint).containsExactly(expected, ExecutionContext.class);
                // Settings named as %NAME% (queue names, schedules) must be set by the deployment.
                Matcher setting = Pattern.compile("%([A-Z_]+)%").matcher(trigger.toString());
                while (setting.find()) assertThat(appSettings).as("app setting %s", setting.group(1)).contains(setting.group(1) + " ");
                String connection = trigger.path("connection").asText("");
                if (!connection.isEmpty()) assertThat(appSettings).contains(connection + " ");
            }
        }
        assertThat(triggers).containsExactlyInAnyOrder("httpTrigger", "timerTrigger", "queueTrigger", "eventGridTrigger");

        JsonNode queued = JSON.readTree(ROOT.resolve("events/azure-queue-provision.json").toFile());
        assertThat(OrderMessage.decode(queued.path("message").asText())).startsWith("0x");
        assertThat(JSON.readTree(ROOT.resolve("events/azure-timer-meter.json").toFile()).path("IsPastDue").isBoolean()).isTrue();
        JsonNode vmEvent = JSON.readTree(ROOT.resolve("events/webhook-azure-vm-write.json").toFile()).get(0);
        assertThat(vmEvent.path("eventType").asText()).startsWith("Microsoft.Resources.");
    }

    @Test
    void everyCloudFunctionOfTerraformExistsWithItsTriggerAndReadsItsSample() throws Exception {
        String terraform = Files.readString(ROOT.resolve("infra/terraform/gcp/functions.tf"));
        Set<String> entryPoints = matches(ROOT.resolve("infra/terraform/gcp/functions.tf"), "entry_point\\s*=\\s*\"([^\"]+)\"");
        assertThat(entryPoints).hasSize(9);
        for (String entryPoint : entryPoints) {
            Class<?> type = Class.forName(entryPoint);
            boolean http = entryPoint.endsWith(".ApiFunction");
            assertThat(http ? HttpFunction.class : CloudEventsFunction.class).as(entryPoint).isAssignableFrom(type);
        }
        assertThat(terraform).contains("google.cloud.pubsub.topic.v1.messagePublished");

        CloudEvent work = cloudEvent(ROOT.resolve("events/gcp-eventarc-provision.json"));
        assertThat(work.getType()).isEqualTo("google.cloud.pubsub.topic.v1.messagePublished");
        JsonNode push = JSON.readTree(work.getData().toBytes());
        String message = new String(Base64.getDecoder().decode(push.path("message").path("data").asText()), StandardCharsets.UTF_8);
        assertThat(OrderMessage.decode(message)).startsWith("0x");
        assertThat(cloudEvent(ROOT.resolve("events/gcp-eventarc-schedule.json")).getSource().toString()).contains("schedule-meter");
    }

    /** A CloudEvent in structured JSON, as Eventarc sends it. */
    static CloudEvent cloudEvent(Path sample) throws Exception {
        JsonNode event = JSON.readTree(sample.toFile());
        return CloudEventBuilder.v1().withId(event.path("id").asText()).withSource(URI.create(event.path("source").asText()))
                .withType(event.path("type").asText())
                .withData(event.path("datacontenttype").asText(), JSON.writeValueAsBytes(event.path("data"))).build();
    }
}
