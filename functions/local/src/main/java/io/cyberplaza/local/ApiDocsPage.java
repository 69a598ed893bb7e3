package io.cyberplaza.local;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code GET /docs}: the API's OpenAPI document, browsable (Swagger UI, served from its webjar on
 * this machine, nothing fetched from elsewhere). Exists only in the local runner.
 */
@Controller("/docs")
@Requires(env = "local")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class ApiDocsPage {
    static final String SWAGGER_UI = "classpath:META-INF/resources/webjars/swagger-ui/5.28.0";

    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>CyberPlaza API</title>
              <link rel="stylesheet" href="/docs/swagger-ui/swagger-ui.css">
            </head>
            <body>
              <div id="api"></div>
              <script src="/docs/swagger-ui/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#api", persistAuthorization: true });
              </script>
            </body>
            </html>
            """;

    @Get(produces = MediaType.TEXT_HTML)
    public String page() {
        return PAGE;
    }
}
