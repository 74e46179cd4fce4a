package io.github.dockerlayer.assemble;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.layer.ExtraDirectories;
import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.LayerPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code extraDirectories} parameter (Jib's shape: {@code paths/path/from,into} and
 * {@code permissions/permission/file,mode}) before anything is built: every directory exists, every {@code into} and
 * {@code file} is an absolute path in the image, every mode is three octal digits and names a file the directories
 * hold. Unset, the default is Jib's: {@code src/main/jib} into {@code /} when that directory exists.
 */
public final class ExtraDirectorySettings {
    /** Jib's default directory, relative to the project. */
    public static final String DEFAULT_FROM = "src/main/jib";

    private static final String PARAMETER = "extraDirectories";
    private static final Pattern MODE = Pattern.compile("[0-7]{3}");

    /**
     * One {@code <path>} as written.
     *
     * @param from the directory, relative to the project or absolute
     * @param into the absolute directory in the image, or null for {@code /}
     */
    public record PathSetting(String from, String into) {}

    /**
     * One {@code <permission>} as written.
     *
     * @param file the absolute path of a file in the image
     * @param mode three octal digits, e.g. {@code 755}
     */
    public record PermissionSetting(String file, String mode) {}

    private ExtraDirectorySettings() {}

    /**
     * The checked extra directories.
     *
     * @param projectDirectory relative {@code from} directories start here
     * @param paths the {@code <path>} items, or null when {@code extraDirectories} (or its {@code paths}) is unset
     * @param permissions the {@code <permission>} items, or null
     */
    public static ExtraDirectories of(
            Path projectDirectory, List<PathSetting> paths, List<PermissionSetting> permissions) {
        List<ExtraDirectories.Source> sources = new ArrayList<>();
        if (paths == null) {
            Path fallback = projectDirectory.resolve(DEFAULT_FROM);
            if (Files.isDirectory(fallback)) {
                sources.add(new ExtraDirectories.Source(fallback, "/"));
            }
        } else {
            for (PathSetting path : paths) {
                sources.add(source(projectDirectory, path));
            }
        }
        Map<String, Integer> modes = new LinkedHashMap<>();
        for (PermissionSetting permission : permissions == null ? List.<PermissionSetting>of() : permissions) {
            String file = permission.file() == null ? "" : permission.file().trim();
            String mode = permission.mode() == null ? "" : permission.mode().trim();
            if (!file.startsWith("/") || file.endsWith("/")) {
                throw new InvalidParameterException(
                        PARAMETER,
                        "the permission's <file> '" + file + "' is not the absolute" + " path of a file in the image.",
                        "write the path the file has in the image, e.g."
                                + " <permission><file>/opt/app/run.sh</file><mode>755</mode></permission>.");
            }
            if (!MODE.matcher(mode).matches()) {
                throw new InvalidParameterException(
                        PARAMETER,
                        "the <mode> '" + mode + "' of " + file + " is not three octal" + " digits.",
                        "write permission bits as chmod does, e.g. <mode>755</mode> or <mode>600</mode>.");
            }
            modes.put(file, Integer.parseInt(mode, 8));
        }
        ExtraDirectories extra = new ExtraDirectories(sources, modes);
        check(extra);
        return extra;
    }

    private static ExtraDirectories.Source source(Path projectDirectory, PathSetting path) {
        if (path.from() == null || path.from().isBlank()) {
            throw new InvalidParameterException(
                    PARAMETER,
                    "a <path> has no <from>.",
                    "name the directory to copy, e.g."
                            + " <path><from>src/main/docker-extra</from><into>/opt/app</into></path>.");
        }
        Path from = projectDirectory.resolve(path.from().trim()).normalize();
        if (!Files.isDirectory(from)) {
            throw new InvalidParameterException(
                    PARAMETER,
                    "the directory " + from + " (<from>" + path.from().trim() + "</from>) "
                            + (Files.exists(from) ? "is not a directory." : "does not exist."),
                    "create it with the files the image needs, or correct or remove that <path>.");
        }
        String into =
                path.into() == null || path.into().isBlank() ? "/" : path.into().trim();
        if (!into.startsWith("/")
                || into.contains("//")
                || into.contains("/./")
                || into.contains("/../")
                || into.endsWith("/..")
                || into.endsWith("/.")) {
            throw new InvalidParameterException(
                    PARAMETER,
                    "<into>" + into + "</into> of " + from + " is not an absolute" + " directory in the image.",
                    "write an absolute path, e.g. <into>/opt/app</into> (or / for the root).");
        }
        if (into.length() > 1 && into.endsWith("/")) {
            into = into.substring(0, into.length() - 1);
        }
        return new ExtraDirectories.Source(from, into);
    }

    /** Every permission names a file of the layer, and no two directories put a file at the same place. */
    private static void check(ExtraDirectories extra) {
        List<LayerEntry> entries;
        try {
            LayerPlan.PlannedLayer layer = extra.layer();
            entries = layer == null ? List.of() : layer.entries();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the extra directories: " + e.getMessage(), e);
        }
        Set<String> seen = new HashSet<>();
        for (LayerEntry entry : entries) {
            if (!seen.add(entry.path())) {
                throw new InvalidParameterException(
                        PARAMETER,
                        "two directories put a file at " + entry.path() + ".",
                        "keep one of them, or give the paths different <into> directories.");
            }
        }
        for (String file : extra.permissions().keySet()) {
            if (!seen.contains(file)) {
                throw new InvalidParameterException(
                        PARAMETER,
                        "the permission for " + file + " names no file of the extra" + " directories"
                                + (seen.isEmpty() ? " (they hold none)." : "."),
                        "write the path the file has in the image (<into> followed by its path under <from>), e.g. /opt/app/run.sh.");
            }
        }
    }
}
