package io.github.dockerlayer.diff;

import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.diff.LayerComparison.Result;
import io.github.dockerlayer.diff.LayerComparison.Row;
import io.github.dockerlayer.diff.LayerComparison.Side;
import io.github.dockerlayer.failure.CheckFailedException;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.DiffRecord;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.registry.Registries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares the app image just built ({@code target/docker-layer}: image.json, base.json, the layout) with a reference
 * (the app's first tag as its registry has it, another registry reference, or an image in an OCI layout), layer by
 * layer, and says what a node holding the reference must pull to update, and whether the base moved. Writes
 * {@code diff.json} and a table in the log.
 *
 * <p>The parts: {@link BuiltSide} reads this build, {@link ReferenceSide} the reference, {@link LayerComparison}
 * compares them (pure, with the roles {@link LayerRoles} reads), {@link DiffRecord} is diff.json and {@link DiffTable}
 * the log.
 */
public final class ImageDiff {
    private final OutputFiles files;
    private final Path baseDirectory;
    private final Registries registries;
    private final BuildLog log;

    /**
     * @param outputDirectory {@code target/docker-layer}
     * @param baseDirectory where a relative {@code oci:PATH} starts (the project directory)
     */
    public ImageDiff(Path outputDirectory, Path baseDirectory, Registries registries, BuildLog log) {
        this.files = new OutputFiles(outputDirectory);
        this.baseDirectory = baseDirectory;
        this.registries = registries;
        this.log = log;
    }

    /** Whether there is something to compare: the image goal wrote image.json and base.json. */
    public boolean built() {
        return files.built();
    }

    /**
     * Compares the build with {@code diffAgainst} (null: the app's first tag in its registry), writes diff.json and logs
     * the table; with {@code failOnBaseChange}, fails when the base moved (after writing diff.json). A reference that
     * does not exist is no failure: every layer is new, and there is no base to have moved.
     */
    public Result diff(String diffAgainst, boolean failOnBaseChange) throws IOException {
        Path file = files.diffJson();
        Files.deleteIfExists(file); // a failure below must not leave an earlier build's diff behind
        BuiltSide built = BuiltSide.read(files);
        String spec = diffAgainst == null || diffAgainst.isBlank()
                ? ReferenceSide.defaultReference(built.side().name())
                : diffAgainst.trim();
        Side reference = ReferenceSide.read(spec, baseDirectory, registries, built.platform(), log);

        Result result = LayerComparison.compare(built.side(), reference);
        AtomicFiles.write(file, record(result).toJson());
        DiffTable.log(result, failOnBaseChange, log);
        if (failOnBaseChange && result.baseChanged()) {
            throw new CheckFailedException("failOnBaseChange", DiffTable.baseChangeMessage(result, file));
        }
        return result;
    }

    /** diff.json's record of a result. */
    static DiffRecord record(Result result) {
        Side current = result.current(), reference = result.reference();
        return new DiffRecord(
                reference.name(),
                string(reference.manifest()),
                result.baseChanged(),
                current.name(),
                string(current.manifest()),
                string(current.config()),
                string(reference.config()),
                new DiffRecord.Base(current.baseImage(), string(current.baseDigest())),
                new DiffRecord.Base(reference.baseImage(), string(reference.baseDigest())),
                result.rows().stream().map(ImageDiff::row).toList(),
                result.bytesToPull(),
                result.bytesToPullClassicStore());
    }

    private static DiffRecord.Layer row(Row row) {
        return new DiffRecord.Layer(
                row.role(), string(row.digest()), row.size(), row.status().label(), string(row.referenceDigest()));
    }

    private static String string(Digest digest) {
        return digest == null ? null : digest.toString();
    }
}
