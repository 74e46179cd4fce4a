package io.github.dockerlayer.assemble;

import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.layer.QuarkusLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the app image holds over its base: its classpath and its layers, bottom to top: launch, the extra directories,
 * on a shared base the reactor modules the service uses, then resources and classes (exploded mode) or the project's
 * jar (packaged mode). The same for the plugin's own app image and the Dockerfile's app stage. What changes most often
 * sits highest, so a code change moves the top layer only.
 *
 * @param classpath the classpath in the image
 * @param layers the app's layers, bottom to top
 * @param nonAsciiPaths whether some classpath entry or file name is not ASCII
 */
public record AppPlan(List<String> classpath, List<LayerPlan.PlannedLayer> layers, boolean nonAsciiPaths) {

    public static AppPlan of(BuildRequest request, String mainClass) throws IOException {
        if (request.quarkusApp() != null) {
            return quarkus(request);
        }
        boolean packaged = request.packagedJar() != null;
        List<String> classpath = LayerPlan.classpath(request.dependencies(), request.allDependencies(), packaged);
        List<LayerPlan.PlannedLayer> app = packaged
                ? List.of(LayerPlan.launchLayer(classpath, mainClass), LayerPlan.jarLayer(request.packagedJar()))
                : LayerPlan.appLayers(request.classesDirectory(), classpath, mainClass);
        List<LayerPlan.PlannedLayer> layers = new ArrayList<>();
        layers.add(app.get(0)); // launch, directly above the base
        LayerPlan.PlannedLayer extra = request.extraDirectories().layer();
        if (extra != null) {
            layers.add(extra);
        }
        if (request.sharedBase() != null) {
            LayerPlan.PlannedLayer modules =
                    LayerPlan.projectDependencyLayer(request.dependencies(), request.allDependencies());
            if (modules != null) {
                layers.add(modules);
            }
        }
        layers.addAll(app.subList(1, app.size()));
        return new AppPlan(List.copyOf(classpath), List.copyOf(layers), nonAscii(classpath, layers));
    }

    /**
     * A Quarkus fast-jar: no classpath (the runner's manifest and application model hold it), its runner lowest (no
     * launch layer: the image's entrypoint names the runner jar, which never moves), the extra directories, then
     * {@code app/} and, highest, the generated {@code quarkus/}.
     */
    private static AppPlan quarkus(BuildRequest request) throws IOException {
        List<LayerPlan.PlannedLayer> layers = new ArrayList<>();
        for (LayerPlan.PlannedLayer layer :
                QuarkusLayout.appLayers(request.quarkusApp().directory())) {
            layers.add(layer);
            if (layer.role() == LayerRole.QUARKUS_RUNNER
                    && request.extraDirectories().layer() != null) {
                layers.add(request.extraDirectories().layer());
            }
        }
        return new AppPlan(List.of(), List.copyOf(layers), nonAscii(List.of(), layers));
    }

    private static boolean nonAscii(List<String> classpath, List<LayerPlan.PlannedLayer> layers) {
        return Stream.concat(
                        classpath.stream(),
                        layers.stream()
                                .flatMap(planned -> planned.entries().stream())
                                .map(LayerEntry::path))
                .anyMatch(path -> path.chars().anyMatch(c -> c > 0x7f));
    }
}
