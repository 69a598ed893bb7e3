package io.cyberplaza.store.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Condition expressions shared by the adapters. Attribute names go through placeholders: "state" is reserved. */
final class Conditions {
    private Conditions() {
    }

    static Expression notExists(String keyAttribute) {
        return Expression.builder().expression("attribute_not_exists(#k)")
                .expressionNames(Map.of("#k", keyAttribute)).build();
    }

    static Expression versionIs(long version) {
        return Expression.builder().expression("#v = :v")
                .expressionNames(Map.of("#v", "version"))
                .expressionValues(Map.of(":v", number(version))).build();
    }

    static Expression attributeAndVersionAre(String attribute, String value, long version) {
        return Expression.builder().expression("#a = :a AND #v = :v")
                .expressionNames(Map.of("#a", attribute, "#v", "version"))
                .expressionValues(Map.of(":a", AttributeValue.fromS(value), ":v", number(version))).build();
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
