package io.cyberplaza.api.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An EIP-4361 (Sign-In with Ethereum) message, parsed strictly from the text the wallet signed.
 * Written here because no maintained Java implementation is available from the registries this
 * build uses; it follows the EIP's ABNF field by field and refuses anything else.
 */
public record SiweMessage(String domain, String address, Optional<String> statement, String uri, String version,
                          long chainId, String nonce, Instant issuedAt, Optional<Instant> expirationTime,
                          Optional<Instant> notBefore, Optional<String> requestId, List<String> resources) {

    private static final String HEADER_SUFFIX = " wants you to sign in with your Ethereum account:";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,}");
    private static final List<String> OPTIONAL_FIELDS = List.of("Expiration Time", "Not Before", "Request ID", "Resources");
    private static final int MAX_LENGTH = 4_096;

    public static final class InvalidMessageException extends Exception {
        public InvalidMessageException(String message) {
            super(message);
        }
    }

    public static SiweMessage parse(String text) throws InvalidMessageException {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) throw invalid("the message is empty or too long");
        String[] lines = text.split("\n", -1);
        if (lines.length < 9 || !lines[0].endsWith(HEADER_SUFFIX)) throw invalid("the first line is not an EIP-4361 header");
        String domain = lines[0].substring(0, lines[0].length() - HEADER_SUFFIX.length());
        if (domain.isBlank()) throw invalid("the domain is missing");
        String address = lines[1];
        if (!ADDRESS.matcher(address).matches()) throw invalid("the second line is not an address");
        if (!lines[2].isEmpty()) throw invalid("a blank line must follow the address");

        int index = 3;
        Optional<String> statement = Optional.empty();
        if (!lines[index].isEmpty()) {
            statement = Optional.of(lines[index]);
            index++;
        }
        if (!lines[index].isEmpty()) throw invalid("a blank line must precede the URI");
        index++;

        String uri = field(lines, index++, "URI");
        String version = field(lines, index++, "Version");
        if (!version.equals("1")) throw invalid("only version 1 exists");
        long chainId;
        try {
            chainId = Long.parseLong(field(lines, index++, "Chain ID"));
        } catch (NumberFormatException e) {
            throw invalid("the chain id is not a number");
        }
        String nonce = field(lines, index++, "Nonce");
        if (!NONCE.matcher(nonce).matches()) throw invalid("the nonce must be at least 8 letters or digits");
        Instant issuedAt = time(field(lines, index++, "Issued At"), "Issued At");

        Map<String, String> optional = new LinkedHashMap<>();
        List<String> resources = new ArrayList<>();
        int lastOrder = -1;
        while (index < lines.length) {
            String line = lines[index++];
            int colon = line.indexOf(':');
            String key = colon < 0 ? line : line.substring(0, colon);
            int order = OPTIONAL_FIELDS.indexOf(key);
            if (order <= lastOrder) throw invalid("unexpected line: " + abbreviate(line));
            lastOrder = order;
            if (key.equals("Resources")) {
                if (!line.equals("Resources:")) throw invalid("Resources: takes its items on the following lines");
                while (index < lines.length && lines[index].startsWith("- ")) resources.add(lines[index++].substring(2));
                continue;
            }
            if (!line.startsWith(key + ": ")) throw invalid("malformed " + key);
            optional.put(key, line.substring(key.length() + 2));
        }
        Optional<Instant> expiration = optional.containsKey("Expiration Time")
                ? Optional.of(time(optional.get("Expiration Time"), "Expiration Time")) : Optional.empty();
        Optional<Instant> notBefore = optional.containsKey("Not Before")
                ? Optional.of(time(optional.get("Not Before"), "Not Before")) : Optional.empty();
        return new SiweMessage(domain, address, statement, uri, version, chainId, nonce, issuedAt, expiration, notBefore,
                Optional.ofNullable(optional.get("Request ID")), List.copyOf(resources));
    }

    /** The canonical text of this message: what a wallet shows and signs. */
    public String toText() {
        StringBuilder text = new StringBuilder(domain).append(HEADER_SUFFIX).append('\n').append(address).append("\n\n");
        statement.ifPresent(s -> text.append(s).append('\n'));
        text.append('\n')
                .append("URI: ").append(uri).append('\n')
                .append("Version: ").append(version).append('\n')
                .append("Chain ID: ").append(chainId).append('\n')
                .append("Nonce: ").append(nonce).append('\n')
                .append("Issued At: ").append(issuedAt);
        expirationTime.ifPresent(t -> text.append("\nExpiration Time: ").append(t));
        notBefore.ifPresent(t -> text.append("\nNot Before: ").append(t));
        requestId.ifPresent(r -> text.append("\nRequest ID: ").append(r));
        if (!resources.isEmpty()) {
            text.append("\nResources:");
            resources.forEach(r -> text.append("\n- ").append(r));
        }
        return text.toString();
    }

    private static String field(String[] lines, int index, String key) throws InvalidMessageException {
        if (index >= lines.length || !lines[index].startsWith(key + ": ")) throw invalid("expected the " + key + " line");
        String value = lines[index].substring(key.length() + 2);
        if (value.isBlank()) throw invalid(key + " is empty");
        return value;
    }

    private static Instant time(String value, String key) throws InvalidMessageException {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                throw invalid(key + " is not an RFC 3339 time");
            }
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }

    private static InvalidMessageException invalid(String reason) {
        return new InvalidMessageException(reason);
    }
}
