package io.github.dockerlayer.assemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.layer.QuarkusLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runtime settings of the app image, made once from the request and the config of the image under the app: what
 * the plugin writes into its own app image's config ({@link #applyTo}), and what the {@code dockerfile} goal writes as
 * ENTRYPOINT, CMD, ENV, EXPOSE, USER, WORKDIR and LABEL, so both containers behave alike.
 *
 * @param entrypoint {@code java <jvmFlags> -cp <classpath> <mainClass>}; for a Quarkus fast-jar
 *     {@code java <Quarkus's flags> <jvmFlags> -jar /deployments/quarkus-run.jar}
 * @param cmd the {@code args}; empty: no Cmd (the inherited one is removed)
 * @param env the whole environment (the inherited one, in its order, with the request's added or replacing), or
 *     null when it stays as inherited; a null value is an inherited entry without '='
 * @param ports ports to expose, added to the inherited ones
 * @param user the user, or null to keep the inherited one
 * @param workingDirectory the working directory, or null to keep the inherited one
 * @param labels every label of the app, in order (inherited ones first)
 * @param droppedLabels inherited {@code org.opencontainers.image.*} labels the app does not keep (they describe the
 *     image below, not the app)
 * @param localeSet whether {@code LANG=C.UTF-8} was added because classpath names are not ASCII
 */
public record AppConfig(
        List<String> entrypoint,
        List<String> cmd,
        Map<String, String> env,
        List<String> ports,
        String user,
        String workingDirectory,
        Map<String, String> labels,
        List<String> droppedLabels,
        boolean localeSet) {
    /** The JVM flags Quarkus's generated {@code Dockerfile.jvm} sets (in {@code JAVA_OPTS_APPEND}) for a Quarkus app. */
    static final List<String> QUARKUS_FLAGS =
            List.of("-Dquarkus.http.host=0.0.0.0", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    /** The user Quarkus's generated {@code Dockerfile.jvm} runs as. */
    static final String QUARKUS_USER = "185";

    /**
     * The app's settings over {@code inherited}, the container config ({@code config.config}) of the image under it.
     *
     * @param baseName the base's {@code repo:version} for the base.name label
     * @param baseDigest the base's manifest digest for the base.digest label, or null when it is not known
     * @param nonAsciiPaths whether a classpath or file name in the app is not ASCII
     */
    public static AppConfig of(
            BuildRequest request,
            JsonNode inherited,
            List<String> classpath,
            String mainClass,
            String baseName,
            String baseDigest,
            boolean nonAsciiPaths) {
        boolean quarkus = request.quarkusApp() != null;
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add("java");
        if (quarkus) {
            // What Quarkus's generated Dockerfile.jvm passes in JAVA_OPTS_APPEND; the user's flags come after and win.
            entrypoint.addAll(QUARKUS_FLAGS);
        }
        entrypoint.addAll(request.runtime().jvmFlags());
        if (quarkus) {
            entrypoint.add("-jar");
            entrypoint.add(QuarkusLayout.RUNNER);
        } else {
            entrypoint.add("-cp");
            entrypoint.add(String.join(":", classpath));
            entrypoint.add(mainClass);
        }

        Map<String, String> env = new LinkedHashMap<>();
        inherited.path("Env").forEach(item -> {
            String text = item.asText();
            int equals = text.indexOf('=');
            env.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
        });
        env.putAll(request.runtime().environment());
        boolean setLocale =
                nonAsciiPaths && Stream.of("LANG", "LC_ALL", "LC_CTYPE").noneMatch(env::containsKey);
        if (setLocale) {
            // Java opens classpath files by name in the locale's encoding: without a UTF-8 locale (a JRE image sets
            // none) it cannot find /app/resources/café.txt, which it would find inside a jar.
            env.put("LANG", "C.UTF-8");
        }
        boolean envChanged =
                !request.runtime().environment().isEmpty() || setLocale; // else the Env stays byte for byte

        Map<String, String> labels = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        inherited.path("Labels").fields().forEachRemaining(field -> {
            // The image below's own org.opencontainers.image.* labels (its revision, source, title...) describe it,
            // not this app: none is passed down, so a project without git or scm does not claim the JRE's.
            if (field.getKey().startsWith(Annotations.OCI_PREFIX)) {
                dropped.add(field.getKey());
            } else {
                labels.put(field.getKey(), field.getValue().asText());
            }
        });
        labels.put(Annotations.CREATED, request.runtime().outputTimestamp().toString());
        labels.put(Annotations.VERSION, request.version());
        if (request.revision() != null) {
            labels.put(Annotations.REVISION, request.revision());
        }
        if (request.source() != null) {
            labels.put(Annotations.SOURCE, request.source());
        }
        labels.put(Annotations.BASE_NAME, baseName);
        if (baseDigest != null) {
            labels.put(Annotations.BASE_DIGEST, baseDigest);
        }
        labels.putAll(request.runtime().labels());
        // A Quarkus app takes the defaults of Quarkus's generated Dockerfile.jvm where the user sets nothing: user 185,
        // its
        // tree's directory, port 8080.
        return new AppConfig(
                List.copyOf(entrypoint),
                request.runtime().args(),
                envChanged ? Collections.unmodifiableMap(env) : null,
                quarkus && request.runtime().ports().isEmpty()
                        ? List.of("8080/tcp")
                        : request.runtime().ports(),
                quarkus && request.runtime().user() == null
                        ? QUARKUS_USER
                        : request.runtime().user(),
                quarkus && request.runtime().workingDirectory() == null
                        ? QuarkusLayout.ROOT
                        : request.runtime().workingDirectory(),
                Collections.unmodifiableMap(labels),
                List.copyOf(dropped),
                setLocale);
    }

    /** Writes these settings into a container config ({@code config.config}) that holds the inherited ones. */
    public void applyTo(ObjectNode config) {
        ArrayNode entrypointNode = config.putArray("Entrypoint");
        entrypoint.forEach(entrypointNode::add);
        config.remove("Cmd");
        if (!cmd.isEmpty()) {
            ArrayNode cmdNode = config.putArray("Cmd");
            cmd.forEach(cmdNode::add);
        }
        if (env != null) {
            ArrayNode array = config.putArray("Env");
            env.forEach((k, v) -> array.add(v == null ? k : k + "=" + v));
        }
        if (!ports.isEmpty()) {
            ObjectNode exposed = config.withObjectProperty("ExposedPorts");
            ports.forEach(exposed::putObject);
        }
        if (user != null) {
            config.put("User", user);
        }
        if (workingDirectory != null) {
            config.put("WorkingDir", workingDirectory);
        }
        ObjectNode labelNode = config.withObjectProperty("Labels");
        labelNode.remove(droppedLabels);
        labels.forEach(labelNode::put);
    }
}
