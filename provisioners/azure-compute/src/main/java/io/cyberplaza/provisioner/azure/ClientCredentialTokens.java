package io.cyberplaza.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.ProvisionException.Reason;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Microsoft Entra ID's OAuth 2.0 client-credentials flow for a service principal, scoped to Azure
 * Resource Manager. A token is reused until five minutes before it expires.
 */
public final class ClientCredentialTokens implements AccessTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String form;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    /** @param authority {@code https://login.microsoftonline.com} (a WireMock server in tests) */
    public ClientCredentialTokens(HttpClient http, URI authority, String tenantId, String clientId, String clientSecret, Clock clock) {
        this.http = http;
        this.tokenEndpoint = authority.resolve("/" + tenantId + "/oauth2/v2.0/token");
        this.form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&scope=" + encode("https://management.azure.com/.default");
        this.clock = clock;
    }

    @Override
    public synchronized String current() {
        if (token != null && clock.instant().isBefore(renewAt)) return token;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ProvisionException(response.statusCode() >= 500 || response.statusCode() == 429 ? Reason.TRANSIENT : Reason.INVALID,
                        "Entra ID refused the platform's credentials: HTTP " + response.statusCode());
            }
            JsonNode body = JSON.readTree(response.body());
            token = body.path("access_token").asText();
            renewAt = clock.instant().plusSeconds(body.path("expires_in").asLong(3_600)).minus(EARLY);
            return token;
        } catch (IOException e) {
            throw new ProvisionException(Reason.TRANSIENT, "Entra ID did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException(Reason.TRANSIENT, "interrupted while asking Entra ID for a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
