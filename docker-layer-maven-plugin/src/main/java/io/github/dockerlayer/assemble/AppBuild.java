package io.github.dockerlayer.assemble;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.BuildReport;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.report.LayerTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The app image on a base: the app's layers ({@link AppPlan}) with the output timestamp, its runtime settings
 * ({@link AppConfig}), written into the layout, tagged with the app's tags and recorded in {@code image.json}.
 */
record AppBuild(BuildRequest request, BuildLog log) {
    /** Builds the app image on {@code base}, running {@code mainClass} (null for a Quarkus fast-jar). */
    BuiltImage build(BuiltImage base, String mainClass) throws IOException {
        log.info("Base image " + base.reference() + " " + base.manifest().digest());
        OciLayout layout = OciLayout.openOrCreate(request.files().layout());
        LayerBuilder builder = new LayerBuilder(request, layout, log);
        List<BuiltLayer> layers = new ArrayList<>(base.layers());
        Image image = base.image();
        AppPlan plan = AppPlan.of(request, mainClass);
        LayerMoves moves = new LayerMoves(request.files().imageJson(), layout, log);
        for (LayerPlan.PlannedLayer planned : plan.layers()) {
            BuiltLayer built = builder.layer(
                    planned,
                    request.runtime().outputTimestamp(),
                    request.image().name());
            moves.tell(planned, built, request.image().name());
            layers.add(built);
            image = Images.appendLayer(
                    image, built.layer(), request.runtime().outputTimestamp(), "docker-layer:image " + planned.role());
        }
        image = Images.withCreated(image, request.runtime().outputTimestamp());
        AppConfig settings = AppConfig.of(
                request,
                image.config().path("config"),
                plan.classpath(),
                mainClass,
                base.reference().toString(),
                base.manifest().digest().toString(),
                plan.nonAsciiPaths());
        if (settings.localeSet()) {
            log.info("Setting LANG=C.UTF-8 in the image: some file names on the classpath are not ASCII, and the from"
                    + " image sets no locale (set <environment> LANG to choose another).");
        }
        image = Images.withContainerConfig(image, settings::applyTo);
        Descriptor manifest = layout.writeImage(image);
        layout.tag(
                manifest, request.tags().stream().map(request.image()::withTag).toList(), ImageKind.APP.label());
        layout.collectGarbage();
        BuiltImage app =
                new BuiltImage(request.image().withTag(request.tags().get(0)), request.tags(), image, manifest, layers);
        BuildReport.write(
                request.files().imageJson(),
                app,
                "base",
                base.reference().toString(),
                base.manifest().digest().toString());
        LayerTable.log(log, "App image", app);
        return app;
    }
}
