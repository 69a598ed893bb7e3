package io.cyberplaza.provisioner;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One typed parameter of a catalog template. Values arrive as text from buyers and are checked here
 * before they reach a process's argument list; nothing is ever passed through a shell.
 */
public record ParameterSpec(String name, Kind kind, long min, long max, Pattern pattern, String defaultValue,
                            String description) {

    public enum Kind {
        INTEGER,
        TOKEN
    }

    public static ParameterSpec integer(String name, long min, long max, long defaultValue, String description) {
        return new ParameterSpec(name, Kind.INTEGER, min, max, null, Long.toString(defaultValue), description);
    }

    public static ParameterSpec token(String name, String regex, String defaultValue, String description) {
        return new ParameterSpec(name, Kind.TOKEN, 0, 0, Pattern.compile(regex), defaultValue, description);
    }

    /** The value to use, or a message saying why the given one is refused. */
    public Validated validate(Optional<String> given) {
        String value = given.orElse(defaultValue);
        return switch (kind) {
            case INTEGER -> {
                try {
                    long parsed = Long.parseLong(value.trim());
                    yield parsed < min || parsed > max
                            ? Validated.refused(name + " must be between " + min + " and " + max)
                            : Validated.ok(Long.toString(parsed));
                } catch (NumberFormatException e) {
                    yield Validated.refused(name + " must be a whole number");
                }
            }
            case TOKEN -> pattern.matcher(value).matches()
                    ? Validated.ok(value) : Validated.refused(name + " must match " + pattern.pattern());
        };
    }

    public record Validated(String value, String problem) {
        public static Validated ok(String value) {
            return new Validated(value, null);
        }

        public static Validated refused(String problem) {
            return new Validated(null, problem);
        }

        public boolean isValid() {
            return problem == null;
        }
    }
}
