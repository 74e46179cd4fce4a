package io.github.dockerlayer.record;

import io.github.dockerlayer.image.Digest;
import java.util.List;

/**
 * What a load into a Docker daemon did, the {@code load} object of {@code image.json}.
 *
 * @param daemon the daemon, as it described itself
 * @param endpoint where it was reached
 * @param store its image store ({@code classic}, {@code containerd})
 * @param thin whether layers it held were left out
 * @param bytesSent the archive's bytes sent (0 when everything was there already)
 * @param fullBytes what the full archive's blobs would have been
 * @param names the names loaded
 * @param imageId the app's image ID in the daemon
 * @param fallback why a thin archive was followed by the full one, or null
 * @param upToDate whether the daemon held every name with this content already, so nothing was sent
 * @param millis how long the load took
 */
public record LoadRecord(
        String daemon,
        String endpoint,
        String store,
        boolean thin,
        long bytesSent,
        long fullBytes,
        List<String> names,
        Digest imageId,
        String fallback,
        boolean upToDate,
        long millis) {
    public LoadRecord {
        names = List.copyOf(names);
    }
}
