package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

@DynamoDbBean
public class BenchmarkItem {
    private String kind;
    private String value;
    private String unit;
    private String measuredOn;
    private String evidenceUrl;

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }

    /** The decimal as published, kept as text so no digit is lost. */
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }

    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }

    /** ISO date. */
    public String getMeasuredOn() { return measuredOn; }
    public void setMeasuredOn(String measuredOn) { this.measuredOn = measuredOn; }

    public String getEvidenceUrl() { return evidenceUrl; }
    public void setEvidenceUrl(String evidenceUrl) { this.evidenceUrl = evidenceUrl; }
}
