package io.cyberplaza.store.dynamodb;

/**
 * Physical table names: a deployment prefix (e.g. {@code cyberplaza-prod-}) plus the logical name.
 * Infrastructure passes the prefix in {@code CYBERPLAZA_TABLE_PREFIX}.
 */
public record TableNames(String prefix) {

    public static TableNames fromEnvironment() {
        String prefix = System.getenv("CYBERPLAZA_TABLE_PREFIX");
        return new TableNames(prefix == null ? "cyberplaza-local-" : prefix);
    }

    public String of(String logicalName) {
        return prefix + logicalName;
    }
}
