package io.github.dockerlayer.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit checked out in the git work tree around a directory, read from the {@code .git} files (no git binary
 * needed): loose refs, packed refs, a detached HEAD, and {@code .git} files of worktrees and submodules.
 */
public final class GitRevision {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private GitRevision() {}

    /** The HEAD commit, or empty when {@code directory} is in no git work tree or HEAD is not resolvable. */
    public static Optional<String> of(Path directory) {
        try {
            for (Path dir = directory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path dotGit = dir.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return head(dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String text = read(dotGit);
                    if (text.startsWith("gitdir:")) {
                        return head(
                                dir.resolve(text.substring("gitdir:".length()).trim())
                                        .normalize());
                    }
                }
            }
        } catch (IOException unreadable) {
            // A revision label is a nicety: a git directory we cannot read just means none.
        }
        return Optional.empty();
    }

    private static Optional<String> head(Path gitDir) throws IOException {
        String head = read(gitDir.resolve("HEAD"));
        if (SHA.matcher(head).matches()) {
            return Optional.of(head);
        }
        if (!head.startsWith("ref:")) {
            return Optional.empty();
        }
        String ref = head.substring("ref:".length()).trim();
        Path common = gitDir;
        if (Files.isRegularFile(gitDir.resolve("commondir"))) {
            common = gitDir.resolve(read(gitDir.resolve("commondir"))).normalize();
        }
        for (Path base : new Path[] {gitDir, common}) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String sha = read(loose);
                return SHA.matcher(sha).matches() ? Optional.of(sha) : Optional.empty();
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                if (parts.length == 2
                        && parts[1].equals(ref)
                        && SHA.matcher(parts[0]).matches()) {
                    return Optional.of(parts[0]);
                }
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
