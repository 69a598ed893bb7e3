package io.cyberplaza.api.coupons;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.groupbuy.DeliveredCode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator's upload of coupon codes: CSV with the header {@code code,expires_at} (ISO-8601
 * instants). Every row is checked before any is taken; refusals name rows, never codes.
 */
public final class CouponCsv {
    public static final int MAX_ROWS = 10_000;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private CouponCsv() {
    }

    public static List<DeliveredCode> parse(String csv) {
        List<DeliveredCode> codes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), FORMAT)) {
            if (!parser.getHeaderNames().equals(List.of("code", "expires_at"))) {
                throw new DomainException(ErrorType.INVALID_REQUEST, "the first line must be the header code,expires_at");
            }
            for (CSVRecord row : parser) {
                long line = row.getRecordNumber() + 1;
                if (codes.size() + problems.size() >= MAX_ROWS) {
                    throw new DomainException(ErrorType.INVALID_REQUEST, "an upload holds at most " + MAX_ROWS + " codes");
                }
                if (!row.isConsistent()) {
                    problems.add("line " + line + ": expected 2 fields");
                    continue;
                }
                String code = row.get("code");
                if (code.isEmpty()) {
                    problems.add("line " + line + ": no code");
                    continue;
                }
                try {
                    codes.add(new DeliveredCode(code, Instant.parse(row.get("expires_at"))));
                } catch (DateTimeParseException e) {
                    problems.add("line " + line + ": expires_at is not an ISO-8601 instant");
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "the upload is not well-formed CSV");
        }
        if (!problems.isEmpty()) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "nothing was taken: " + String.join("; ", problems.subList(0, Math.min(20, problems.size()))));
        }
        if (codes.isEmpty()) throw new DomainException(ErrorType.INVALID_REQUEST, "the upload holds no codes");
        return codes;
    }
}
