package io.github.dockerlayer.record;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layout.OciLayout;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The one consistency check of the goals that read the records after the build ({@code push}, {@code diff}): the two
 * records describe one build, and a record describes the image its manifest in the layout is. Each failure says to
 * run the base and image goals again before the goal that found it.
 */
public final class RecordCheck {
    private RecordCheck() {}

    /**
     * Fails unless {@code app} (image.json) stands on the base {@code base} (base.json) describes.
     *
     * @param goal the goal checking, as the message names it ({@code push}, {@code diff})
     */
    public static void sameBase(BuildRecord base, BuildRecord app, String goal) throws IOException {
        String named = String.valueOf(app.parent().digest());
        String described = String.valueOf(digest(base));
        if (!named.equals(described)) {
            throw new IOException(
                    "image.json names base " + named + " but base.json describes " + described + ": " + again(goal));
        }
    }

    /**
     * The image {@code record} describes, read from {@code layout}: fails unless its manifest is there and lists the
     * recorded layers, the same number in the same order. The layers' bytes are the layout's (which may lack some).
     *
     * @param goal the goal checking, as the message names it ({@code push}, {@code diff})
     */
    public static Image inLayout(BuildRecord record, OciLayout layout, String goal) throws IOException {
        Digest manifest = record.manifest().digest();
        if (manifest == null || !layout.hasBlob(manifest)) {
            throw new IOException(
                    record.image() + " (" + manifest + ") is not in " + layout.root() + ": " + again(goal));
        }
        Image image =
                layout.readImage(new Descriptor(MediaType.OCI_MANIFEST, manifest, layout.readBlob(manifest).length));
        List<LayerRecord> recorded = record.manifest().layers();
        if (recorded.size() != image.layers().size()) {
            throw new IOException(
                    record.image() + "'s record does not match its manifest in " + layout.root() + ": " + again(goal));
        }
        for (int i = 0; i < recorded.size(); i++) {
            if (!Objects.equals(recorded.get(i).digest(), image.layers().get(i).digest())) {
                throw new IOException(record.image() + "'s record does not match its manifest in " + layout.root()
                        + " (layer " + i + "): " + again(goal));
            }
        }
        return image;
    }

    private static Digest digest(BuildRecord record) {
        return record.manifest().digest();
    }

    private static String again(String goal) {
        return "run the base and image goals again before " + goal + ".";
    }
}
