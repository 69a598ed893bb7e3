package io.cyberplaza.api.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the OpenAPI 3.0 document generated from the controllers into 3.1 (JSON Schema 2020-12):
 * {@code nullable: true} becomes a {@code "null"} member of the type, or an {@code anyOf} with
 * {@code {"type": "null"}} around a reference. The generator's own 3.1 mode writes nullable
 * objects as {@code type: "null"} alone, which no non-null value satisfies.
 */
final class OpenApi31 {
    private OpenApi31() {
    }

    static Map<String, Object> convert(Map<String, Object> openApi30) {
        @SuppressWarnings("unchecked")
        Map<String, Object> converted = (Map<String, Object>) walk(openApi30);
        converted.put("openapi", "3.1.0");
        return converted;
    }

    private static Object walk(Object node) {
        if (node instanceof List<?> list) return list.stream().map(OpenApi31::walk).toList();
        if (!(node instanceof Map<?, ?> map)) return node;
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), walk(value)));
        return Boolean.TRUE.equals(copy.remove("nullable")) ? nullable(copy) : copy;
    }

    private static Map<String, Object> nullable(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof String single) {
            schema.put("type", List.of(single, "null"));
            return schema;
        }
        if (type instanceof List<?> types) {
            List<Object> withNull = new ArrayList<>(types);
            if (!withNull.contains("null")) withNull.add("null");
            schema.put("type", withNull);
            return schema;
        }
        // A reference (possibly wrapped in allOf): either it, or null.
        Object target = schema.remove("allOf");
        Object alternative = target instanceof List<?> all && all.size() == 1 ? all.getFirst() : target == null ? null : Map.of("allOf", target);
        Map<String, Object> wrapped = new LinkedHashMap<>(schema);
        List<Object> anyOf = new ArrayList<>();
        if (alternative != null) anyOf.add(alternative);
        anyOf.add(Map.of("type", "null"));
        wrapped.put("anyOf", anyOf);
        return wrapped;
    }
}
