package io.cyberplaza.runtime.wiring;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** "key=value" lists, as a deployment's environment variables give maps (zone=subnet, price key=feed address). */
final class ConfigPairs {
    private ConfigPairs() {
    }

    static Map<String, String> read(Environment config, String property) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : config.getProperty(property, Argument.listOf(String.class)).orElse(List.of())) {
            if (pair.isBlank()) continue;
            String[] keyAndValue = pair.split("=", 2);
            if (keyAndValue.length != 2) throw new IllegalArgumentException(property + " entries are key=value, not " + pair);
            pairs.put(keyAndValue[0].trim(), keyAndValue[1].trim());
        }
        return pairs;
    }
}
