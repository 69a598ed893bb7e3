package io.cyberplaza.azure.function;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.micronaut.azure.function.http.AzureHttpFunction;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.Optional;

/**
 * HTTP trigger: every route goes to the API module's controllers (the host's route prefix is empty,
 * so paths are the API's own). Authorization is the API's: its session tokens, not function keys.
 */
public class ApiFunction extends AzureHttpFunction {

    public ApiFunction() {
    }

    public ApiFunction(ApplicationContextBuilder context) {
        super(context);
    }

    @FunctionName("api")
    public HttpResponseMessage invoke(
            @HttpTrigger(name = "request", route = "{*route}", authLevel = AuthorizationLevel.ANONYMOUS,
                    methods = {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS,
                            HttpMethod.HEAD}) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return route(request, context);
    }
}
