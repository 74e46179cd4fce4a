package io.github.dockerlayer.assemble;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.failure.Invocation;
import io.github.dockerlayer.image.ImageReference;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks and normalizes the user's parameters before anything is built, so bad input fails fast, with a message that
 * names the parameter and the fix, and writes nothing.
 */
public final class Parameters {
    /** The mtime and created time when no {@code outputTimestamp} is set, and always for the base image. */
    public static final Instant FIXED_EPOCH = Instant.ofEpochSecond(1);

    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})(?:/(tcp|udp|sctp))?");
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    /** White space, then what starts a java option: the item holds a second flag. */
    private static final Pattern SECOND_FLAG = Pattern.compile(
            "\\s(-D\\S|-X\\S|-javaagent:|-agentlib:|-agentpath:|-[ed]s?a(\\s|:|$)|-verbose|-server|--add-|--enable-|--illegal-)");

    private static final Pattern ENV_NAME = Pattern.compile("[^=\\s]+");

    private Parameters() {}

    /**
     * A repository without tag or digest, e.g. {@code registry.example.com:5000/team/app}; a tag or digest in it is
     * refused, since {@code tagParameter} gives those.
     */
    public static ImageReference repositoryOnly(String parameter, String value, String tagParameter) {
        ImageReference parsed;
        try {
            parsed = ImageReference.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    parameter,
                    e.getMessage() + ".",
                    "use a lower-case repository such as 'team/my-app' (without a tag; tags go in <" + tagParameter
                            + ">).");
        }
        if (parsed.tag() != null || parsed.digest() != null) {
            throw new InvalidParameterException(
                    parameter,
                    "'" + value + "' includes a tag or digest.",
                    "give the repository only, e.g. '" + parsed.name() + "', and the tag in <" + tagParameter + ">.");
        }
        return parsed;
    }

    /** The app's tags: at least one, each valid, no duplicates. */
    public static List<String> tags(List<String> tags) {
        List<String> result = new ArrayList<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            String trimmed = tag == null ? "" : tag.trim();
            if (trimmed.isEmpty()) {
                throw new InvalidParameterException(
                        "tags",
                        "one of the tags is empty (two commas in a row, or an empty <tag>).",
                        "remove the empty tag, e.g. " + Invocation.parameter("tags", "1.0.0,latest") + ".");
            }
            if (!ImageReference.isValidTag(trimmed)) {
                throw new InvalidParameterException(
                        "tags",
                        "'" + tag + "' is not a valid tag: " + ImageReference.TAG_RULE + ".",
                        "use tags like '1.0.0' or 'latest', e.g. <tags><tag>1.0.0</tag></tags> or "
                                + Invocation.parameter("tags", "1.0.0,latest") + ".");
            }
            if (!result.contains(trimmed)) {
                result.add(trimmed);
            }
        }
        if (result.isEmpty()) {
            throw new InvalidParameterException(
                    "tags",
                    "no tag is given.",
                    "set at least one tag, e.g. <tags><tag>${project.version}</tag></tags>.");
        }
        return result;
    }

    /** A fixed base version, or null to derive it from the base's content. */
    public static String baseVersion(String value) {
        return optional(
                value,
                ImageReference::isValidTag,
                "baseVersion",
                "is not a valid tag: " + ImageReference.TAG_RULE + ".",
                "use a version such as '1' or '2024.1', or leave <baseVersion> unset to derive it from the dependencies.");
    }

    /** A Java class name, or null to infer it. */
    public static String mainClass(String value) {
        return optional(
                value,
                name -> JAVA_NAME.matcher(name).matches(),
                "mainClass",
                "is not a Java class name.",
                "give the fully qualified name, e.g. com.example.Main.");
    }

    /**
     * {@code value} trimmed, or null when it is unset or blank; fails naming {@code parameter} when {@code valid} does
     * not accept it ({@code 'value' <problem>}).
     */
    private static String optional(
            String value, Predicate<String> valid, String parameter, String problem, String fix) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (!valid.test(trimmed)) {
            throw new InvalidParameterException(parameter, "'" + value + "' " + problem, fix);
        }
        return trimmed;
    }

    /** Ports as the config's ExposedPorts keys: {@code 8080/tcp}. */
    public static List<String> ports(List<String> ports) {
        List<String> result = new ArrayList<>();
        for (String port : ports == null ? List.<String>of() : ports) {
            var matcher = PORT.matcher(port == null ? "" : port.trim());
            if (!matcher.matches()
                    || Integer.parseInt(matcher.group(1)) < 1
                    || Integer.parseInt(matcher.group(1)) > 65535) {
                throw new InvalidParameterException(
                        "ports",
                        "'" + port + "' is not a port.",
                        "use a number from 1 to 65535 with an optional protocol, e.g. 8080, 8080/tcp or 53/udp.");
            }
            String normalized =
                    Integer.parseInt(matcher.group(1)) + "/" + (matcher.group(2) == null ? "tcp" : matcher.group(2));
            if (!result.contains(normalized)) {
                result.add(normalized);
            }
        }
        return result;
    }

    /**
     * The time of {@code project.build.outputTimestamp} as Maven reads it: ISO-8601 with an offset, or seconds since the
     * epoch; unset, empty or one character means not set, and the fixed epoch is used.
     */
    public static Instant outputTimestamp(String value) {
        if (!isTimestampSet(value)) {
            return FIXED_EPOCH;
        }
        String trimmed = value.trim();
        try {
            if (trimmed.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(trimmed));
            }
            return OffsetDateTime.parse(trimmed).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (DateTimeException | NumberFormatException e) {
            throw new InvalidParameterException(
                    "outputTimestamp",
                    "'" + value + "' is not a time.",
                    "use ISO-8601 with an offset, e.g. 2024-01-01T00:00:00Z, or seconds since the epoch.");
        }
    }

    /** The user to run as ({@code name}, {@code uid}, {@code uid:gid}), or null to keep the from image's. */
    public static String user(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Maven's rule for {@code project.build.outputTimestamp}: unset, empty or one character means not set. */
    public static boolean isTimestampSet(String value) {
        return value != null && value.trim().length() >= 2;
    }

    /** An absolute path in the image, or null to keep the from image's. */
    public static String workingDirectory(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().startsWith("/")) {
            throw new InvalidParameterException(
                    "workingDirectory",
                    "'" + value + "' is not an absolute path.",
                    "use an absolute path in the image, e.g. /app.");
        }
        return value.trim();
    }

    /**
     * Merges a map parameter from the pom with its property form {@code KEY=VALUE,KEY2=VALUE2} (the property wins;
     * {@code \\,} is a comma inside a value), and checks the keys. Sorted by key, so the config's bytes do not depend on the pom's order.
     */
    public static Map<String, String> keyValues(String parameter, Map<String, String> fromPom, String property) {
        Map<String, String> result = new TreeMap<>();
        if (fromPom != null) {
            fromPom.forEach((k, v) -> result.put(k, v == null ? "" : v));
        }
        if (property != null && !property.isBlank()) {
            // A comma separates pairs; a backslash before a comma keeps it in the value (JDWP=transport=x\,server=y).
            for (String escaped : property.split("(?<!\\\\),")) {
                String pair = escaped.replace("\\,", ",");
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new InvalidParameterException(
                            parameter,
                            "'" + pair + "' in " + Invocation.parameter(parameter) + " is not KEY=VALUE.",
                            "write " + Invocation.parameter(parameter, "KEY=VALUE,KEY2=VALUE2") + ", with"
                                    + " a backslash before a comma that belongs to a value (KEY=a\\,b).");
                }
                result.put(pair.substring(0, equals).trim(), pair.substring(equals + 1));
            }
        }
        for (String key : result.keySet()) {
            if (!ENV_NAME.matcher(key).matches()) {
                throw new InvalidParameterException(
                        parameter,
                        "the key '" + key + "' is empty or has '=' or white space.",
                        "use keys like JAVA_TOOL_OPTIONS or com.example.team.");
            }
        }
        return new LinkedHashMap<>(result);
    }

    /** A list parameter with blank items dropped. */
    public static List<String> list(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    /**
     * The JVM flags, each one argument of {@code java}. An item holding several flags ({@code -Xmx128m -XX:+UseZGC},
     * {@code -Dprofile=prod -Xmx512m}, as written on a command line) would reach java as one bad argument, so it is
     * refused; one flag whose value holds spaces and dashes ({@code -Dopts=-a -b}, {@code -XX:OnError=kill -9 %p})
     * passes.
     */
    public static List<String> jvmFlags(List<String> values) {
        List<String> flags = new ArrayList<>();
        for (String value : list(values)) {
            String flag = value.trim();
            if (!flag.startsWith("-")) {
                throw new InvalidParameterException(
                        "jvmFlags",
                        "'" + flag + "' is not a JVM flag (they start with '-');"
                                + " on the command line a comma inside a value splits it ("
                                + Invocation.parameter("jvmFlags", "-Dlist=a,b") + " gives"
                                + " '-Dlist=a' and 'b').",
                        "set flags whose values hold commas in the pom, one <jvmFlag> each.");
            }
            if (SECOND_FLAG.matcher(flag).find()) {
                throw new InvalidParameterException(
                        "jvmFlags",
                        "'" + flag + "' is several flags in one item; java would"
                                + " get it as one argument and fail to start.",
                        "give one flag per item: <jvmFlags><jvmFlag>"
                                + flag.split("\\s+")[0]
                                + "</jvmFlag>...</jvmFlags>, or separate them with commas on the command line,"
                                + " e.g. " + Invocation.parameter("jvmFlags", String.join(",", flag.split("\\s+")))
                                + ".");
            }
            flags.add(flag);
        }
        return flags;
    }
}
