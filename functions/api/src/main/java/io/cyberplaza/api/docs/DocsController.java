package io.cyberplaza.api.docs;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The API's own description, as OpenAPI 3.1, generated from these controllers when they are compiled. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class DocsController {
    static final String GENERATED = "META-INF/swagger/cyberplaza-api.json";

    private final byte[] document;

    public DocsController(JsonMapper json) {
        try (InputStream generated = DocsController.class.getClassLoader().getResourceAsStream(GENERATED)) {
            if (generated == null) throw new IllegalStateException(GENERATED + " is missing: the build generates it");
            Map<String, Object> openApi30 = json.readValue(generated.readAllBytes(), Argument.mapOf(String.class, Object.class));
            this.document = json.writeValueAsBytes(OpenApi31.convert(openApi30));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document cannot be read", e);
        }
    }

    @Get(value = "/openapi.json", produces = "application/json")
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document).header("Cache-Control", "public, max-age=300");
    }
}
