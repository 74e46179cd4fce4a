package io.github.dockerlayer.load;

import io.github.dockerlayer.archive.LoadArchive;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.ParentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a load's archive may leave out: the blobs the daemon provably holds. Proof comes from a few inspections (each
 * name asked once per load): the images of our names, and the {@code from} image as {@code base.json} recorded it
 * (so a JRE the user pulled is not sent again), read with the daemon's own notion of identity:
 * <ul>
 *   <li>classic store: an image whose diffIds are a prefix of the app's holds those layers (by chain); candidates are
 *       our names, then the from image by the name it was read from and by {@code repository@manifest-digest} (how
 *       {@code docker pull} records it, also after the tag moved on);</li>
 *   <li>containerd store: an image ID is a manifest digest, and an image's blobs are in the content store under the
 *       digests its manifest names; candidates are our names (manifests this build made or this plugin loaded there
 *       before) and the image whose ID is the from image's manifest digest ({@code GET /images/sha256:.../json}
 *       answers it whatever its name; Docker 26 finds no image by a config or layer digest).</li>
 * </ul>
 * A proof can be wrong (a blob garbage-collected since): the daemon then refuses the thin archive, and the load sends
 * the full one.
 */
final class LoadPlanner {
    /**
     * What an archive carries.
     *
     * @param oci an OCI-layout archive (containerd store), else a docker-archive
     * @param omit the blobs left out
     * @param why the plan in words, for the log
     */
    record Plan(boolean oci, Set<Digest> omit, String why) {
        boolean thin() {
            return !omit.isEmpty();
        }
    }

    /**
     * The from image as {@code base.json} recorded it.
     *
     * @param name the reference it was read from, or null
     * @param digest its manifest digest, or null (a docker-archive)
     * @param layers how many of the base's layers are its
     */
    record From(String name, Digest digest, int layers) {
        static final From NONE = new From(null, null, 0);

        /** The from image of {@code base}, as {@code baseJson} names it; {@link #NONE} when it says nothing usable. */
        static From read(Path baseJson, BuiltImage base, BuildLog log) {
            int layers = (int) base.layers().stream()
                    .filter(layer -> layer.role() == LayerRole.FROM)
                    .count();
            if (layers == 0 || !Files.isRegularFile(baseJson)) {
                return NONE;
            }
            try {
                ParentRecord from = BuildRecords.read(baseJson, ImageKind.BASE).parent();
                Digest digest = from.digest() == null ? null : Digest.parse(from.digest());
                return new From(from.image(), digest, layers);
            } catch (IOException | IllegalArgumentException e) {
                log.debug("Not using the from image of " + baseJson + ": " + e.getMessage());
                return NONE;
            }
        }
    }

    private final DockerDaemon daemon;
    private final boolean containerd;
    private final Map<String, Optional<DockerDaemon.InspectedImage>> inspected = new HashMap<>();

    LoadPlanner(DockerDaemon daemon, boolean containerd) {
        this.daemon = daemon;
        this.containerd = containerd;
    }

    /** The image {@code name} names in the daemon, asked once per load. */
    Optional<DockerDaemon.InspectedImage> inspect(ImageReference name) throws IOException {
        return inspect(containerd ? LoadArchive.qualifiedName(name) : name.toString());
    }

    private Optional<DockerDaemon.InspectedImage> inspect(String name) throws IOException {
        Optional<DockerDaemon.InspectedImage> known = inspected.get(name);
        if (known == null) {
            known = daemon.inspect(name);
            inspected.put(name, known);
        }
        return known;
    }

    /**
     * Classic store: the longest prefix of the app's diffIds that an image of one of our names has, else the from
     * image; the daemon holds those layers (by chain), so their files can stay out of the archive.
     */
    Plan classic(ImageBuild.Built built, From from) throws IOException {
        List<Layer> layers = built.app().image().layers();
        int held = 0;
        String heldBy = null;
        List<String> candidates = new ArrayList<>();
        candidates.add(built.base().reference().toString());
        appNames(built.app()).forEach(name -> candidates.add(name.toString()));
        int ours = candidates.size();
        candidates.addAll(fromCandidates(from));
        for (int c = 0; c < candidates.size(); c++) {
            if (c >= ours && held >= from.layers()) {
                break; // our names proved the from layers already: no need to ask for the from image
            }
            Optional<DockerDaemon.InspectedImage> image = inspect(candidates.get(c));
            int prefix = image.isEmpty() ? 0 : prefix(image.get().diffIds(), layers);
            if (prefix > held) {
                held = prefix;
                heldBy = candidates.get(c);
            }
        }
        if (held == 0) {
            return new Plan(
                    false,
                    Set.of(),
                    "a full docker-archive (the daemon holds no layer of it under these names"
                            + (from.name() == null ? "" : " or the from image's") + ")");
        }
        Set<Digest> omit = new HashSet<>();
        for (int i = 0; i < held; i++) {
            omit.add(layers.get(i).digest());
        }
        return new Plan(
                false,
                omit,
                "a thin docker-archive: the daemon holds the first " + held + " of " + layers.size() + " layers (as "
                        + heldBy + "), the archive carries the other " + (layers.size() - held));
    }

    /** The from image's names the classic store may know: as read, and as {@code docker pull} records its digest. */
    private static List<String> fromCandidates(From from) {
        Set<String> names = new LinkedHashSet<>();
        if (from.name() != null) {
            names.add(from.name());
            if (from.digest() != null) {
                try {
                    ImageReference read = ImageReference.parse(from.name());
                    names.add(new ImageReference(read.registry(), read.repository(), null, from.digest()).toString());
                } catch (IllegalArgumentException e) {
                    // a name no reference parses (a layout's ref name): the name as written is all there is
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static int prefix(List<Digest> diffIds, List<Layer> layers) {
        int prefix = 0;
        while (prefix < diffIds.size()
                && prefix < layers.size()
                && diffIds.get(prefix).equals(layers.get(prefix).diffId())) {
            prefix++;
        }
        return prefix;
    }

    /**
     * Containerd store: the blobs of every manifest the daemon provably holds: an image of one of our names whose ID
     * (the manifest digest) is the base's or the app's or one in {@code recorded} (loaded there before), and the image
     * whose ID is the from image's manifest digest.
     */
    Plan containerd(ImageBuild.Built built, From from, Map<Digest, Set<Digest>> recorded) throws IOException {
        Map<Digest, Set<Digest>> known = new LinkedHashMap<>(recorded);
        known.put(built.base().manifest().digest(), blobs(built.base().image()));
        known.put(built.app().manifest().digest(), blobs(built.app().image()));
        List<ImageReference> candidates = new ArrayList<>();
        candidates.add(built.base().reference());
        candidates.addAll(appNames(built.app()));
        Set<Digest> omit = new HashSet<>();
        List<String> provenBy = new ArrayList<>();
        for (ImageReference name : candidates) {
            Optional<DockerDaemon.InspectedImage> image = inspect(name);
            if (image.isPresent() && known.containsKey(image.get().id())) {
                omit.addAll(known.get(image.get().id()));
                provenBy.add(name.toString());
            }
        }
        List<Layer> fromLayers = built.base()
                .image()
                .layers()
                .subList(
                        0, Math.min(from.layers(), built.base().image().layers().size()));
        boolean fromProven = fromLayers.stream().allMatch(layer -> omit.contains(layer.digest()));
        if (!fromProven && from.digest() != null) {
            Optional<DockerDaemon.InspectedImage> image = inspect(from.digest().toString());
            if (image.isPresent() && image.get().id().equals(from.digest())) {
                fromLayers.forEach(layer -> omit.add(layer.digest()));
                provenBy.add(
                        "the from image " + (from.name() == null ? from.digest().toShortString() : from.name()));
            }
        }
        Set<Digest> ours = blobs(built.base().image());
        ours.addAll(blobs(built.app().image()));
        omit.retainAll(ours);
        if (omit.isEmpty()) {
            return new Plan(
                    true,
                    Set.of(),
                    "a full OCI archive (no image of these names in the daemon has a manifest"
                            + " known here, nor is the from image's manifest there, so no blob can be proven to be in its content store)");
        }
        return new Plan(
                true,
                omit,
                "a thin OCI archive: " + omit.size() + " blobs are in the daemon's content store (the"
                        + " manifests of " + String.join(", ", provenBy) + "), the archive carries the others");
    }

    /** The config and layer digests of {@code image}. */
    static Set<Digest> blobs(Image image) {
        Set<Digest> blobs = new LinkedHashSet<>();
        blobs.add(image.configDescriptor().digest());
        image.layers().forEach(layer -> blobs.add(layer.digest()));
        return blobs;
    }

    /** The app's names, one per tag. */
    static List<ImageReference> appNames(BuiltImage app) {
        return app.tags().stream().map(tag -> app.reference().withTag(tag)).toList();
    }
}
