package io.github.dockerlayer.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Directories copied into the app image as they are (Jib's {@code extraDirectories}): config files, scripts,
 * keystores. All of them make one layer, {@link LayerRole#EXTRA_DIRECTORIES}, written by the layer builder's rules
 * (sorted, explicit parents, fixed times and owners); every file has mode 0644 and every directory 0755, whatever
 * they have on disk, unless {@code permissions} names the file. Only regular files are copied (with their parent
 * directories), following symbolic links; an empty directory is not.
 *
 * @param paths the directories, in the user's order; when two put a file at the same place, the build fails
 * @param permissions permission bits ({@code 0755}) by absolute path in the image
 */
public record ExtraDirectories(List<Source> paths, Map<String, Integer> permissions) {
    /** No extra directory. */
    public static final ExtraDirectories NONE = new ExtraDirectories(List.of(), Map.of());

    /**
     * One directory and where its content goes.
     *
     * @param from the directory on disk
     * @param into an absolute directory in the image, {@code /} or without a trailing '/'
     */
    public record Source(Path from, String into) {}

    public ExtraDirectories {
        paths = List.copyOf(paths);
        permissions = Map.copyOf(permissions);
    }

    /** The extra-directories layer, or null when the directories hold no file. */
    public LayerPlan.PlannedLayer layer() throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        for (Source source : paths) {
            if (!Files.isDirectory(source.from())) {
                continue; // checked before, where the parameter is known
            }
            String prefix = source.into().equals("/") ? "" : source.into();
            for (Path file : LayerPlan.regularFiles(source.from())) {
                String path = prefix + "/" + LayerPlan.relative(source.from(), file);
                LayerEntry entry = LayerEntry.file(path, file);
                Integer mode = permissions.get(path);
                entries.add(mode == null ? entry : entry.withMode(mode));
            }
        }
        return entries.isEmpty() ? null : new LayerPlan.PlannedLayer(LayerRole.EXTRA_DIRECTORIES, List.copyOf(entries));
    }
}
