package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.ExtraDirectorySettings;
import java.util.List;

/**
 * The {@code <extraDirectories>} element, in Jib's shape:
 * <pre>
 * &lt;extraDirectories&gt;
 *   &lt;paths&gt;&lt;path&gt;&lt;from&gt;src/main/docker-extra&lt;/from&gt;&lt;into&gt;/opt/app&lt;/into&gt;&lt;/path&gt;&lt;/paths&gt;
 *   &lt;permissions&gt;&lt;permission&gt;&lt;file&gt;/opt/app/run.sh&lt;/file&gt;&lt;mode&gt;755&lt;/mode&gt;&lt;/permission&gt;&lt;/permissions&gt;
 * &lt;/extraDirectories&gt;
 * </pre>
 * Maven fills the fields; {@link ExtraDirectorySettings} checks them.
 */
public class ExtraDirectoriesParameter {
    /** The directories and where they go; unset: {@code src/main/jib} into {@code /} when it exists. */
    private List<ExtraDirectoryPath> paths;

    /** Modes of single files in the image. */
    private List<ExtraDirectoryPermission> permissions;

    /** One {@code <path>}. */
    public static class ExtraDirectoryPath {
        /** The directory, relative to the project or absolute. */
        private String from;
        /** The absolute directory in the image; default {@code /}. */
        private String into;
    }

    /** One {@code <permission>}. */
    public static class ExtraDirectoryPermission {
        /** The absolute path of a file in the image. */
        private String file;
        /** Three octal digits, e.g. {@code 755}. */
        private String mode;
    }

    /** The paths as written, or null when none is configured. */
    List<ExtraDirectorySettings.PathSetting> pathSettings() {
        return paths == null
                ? null
                : paths.stream()
                        .map(p -> new ExtraDirectorySettings.PathSetting(p.from, p.into))
                        .toList();
    }

    /** The permissions as written, or null. */
    List<ExtraDirectorySettings.PermissionSetting> permissionSettings() {
        return permissions == null
                ? null
                : permissions.stream()
                        .map(p -> new ExtraDirectorySettings.PermissionSetting(p.file, p.mode))
                        .toList();
    }
}
