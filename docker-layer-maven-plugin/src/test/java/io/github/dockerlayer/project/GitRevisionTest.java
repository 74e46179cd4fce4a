package io.github.dockerlayer.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {
    private static final String SHA_A = "1111111111111111111111111111111111111111";
    private static final String SHA_B = "2222222222222222222222222222222222222222";
    private static final String SHA_C = "3333333333333333333333333333333333333333";
    private static final String SHA256 = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

    @TempDir
    Path temp;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** A work tree at {@code root} with a .git directory whose HEAD is {@code head}. */
    private static Path gitDir(Path root, String head) throws IOException {
        Path git = root.resolve(".git");
        write(git.resolve("HEAD"), head);
        Files.createDirectories(git.resolve("refs/heads"));
        return git;
    }

    @Test
    void looseRef() throws IOException {
        Path git = gitDir(temp, "ref: refs/heads/main\n");
        write(git.resolve("refs/heads/main"), SHA_A + "\n");
        assertEquals(Optional.of(SHA_A), GitRevision.of(temp));
    }

    @Test
    void looseRefWithSlashesInTheBranchName() throws IOException {
        Path git = gitDir(temp, "ref: refs/heads/feature/x\n");
        write(git.resolve("refs/heads/feature/x"), SHA_B + "\n");
        assertEquals(Optional.of(SHA_B), GitRevision.of(temp));
    }

    @Test
    void packedRefs() throws IOException {
        Path git = gitDir(temp, "ref: refs/heads/main\n");
        write(
                git.resolve("packed-refs"),
                "# pack-refs with: peeled fully-peeled sorted \n"
                        + SHA_C + " refs/heads/other\n"
                        + SHA_A + " refs/heads/main\n"
                        + SHA_B + " refs/tags/v1\n"
                        + "^" + SHA_C + "\n");
        assertEquals(Optional.of(SHA_A), GitRevision.of(temp));
    }

    @Test
    void looseRefWinsOverPackedRef() throws IOException {
        Path git = gitDir(temp, "ref: refs/heads/main\n");
        write(git.resolve("packed-refs"), SHA_A + " refs/heads/main\n");
        write(git.resolve("refs/heads/main"), SHA_B + "\n");
        assertEquals(Optional.of(SHA_B), GitRevision.of(temp));
    }

    @Test
    void detachedHead() throws IOException {
        gitDir(temp, SHA_C + "\n");
        assertEquals(Optional.of(SHA_C), GitRevision.of(temp));
    }

    @Test
    void sha256Repository() throws IOException {
        Path git = gitDir(temp, "ref: refs/heads/main\n");
        write(git.resolve("refs/heads/main"), SHA256 + "\n");
        assertEquals(Optional.of(SHA256), GitRevision.of(temp));
    }

    @Test
    void runFromASubdirectory() throws IOException {
        Path git = gitDir(temp, "ref: refs/heads/main\n");
        write(git.resolve("refs/heads/main"), SHA_A + "\n");
        Path module = Files.createDirectories(temp.resolve("modules/app/target/classes"));
        assertEquals(Optional.of(SHA_A), GitRevision.of(module));
    }

    @Test
    void relativeDirectoryIsResolved() throws IOException {
        // GitRevision makes the path absolute; a relative path below the temp directory must find the same .git.
        Path git = gitDir(temp, SHA_B + "\n");
        assertTrue(Files.isDirectory(git));
        Path sub = Files.createDirectories(temp.resolve("sub"));
        Path relative = Path.of("").toAbsolutePath().relativize(sub);
        assertFalse(relative.isAbsolute());
        assertEquals(Optional.of(SHA_B), GitRevision.of(relative));
    }

    @Test
    void worktreeWithCommondirAndLooseRef() throws IOException {
        Path repo = temp.resolve("repo");
        Path common = gitDir(repo, "ref: refs/heads/main\n");
        write(common.resolve("refs/heads/main"), SHA_A + "\n");
        write(common.resolve("refs/heads/feature"), SHA_B + "\n");
        Path worktreeGit = common.resolve("worktrees/wt");
        write(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        write(worktreeGit.resolve("commondir"), "../..\n");
        Path worktree = temp.resolve("wt");
        write(worktree.resolve(".git"), "gitdir: ../repo/.git/worktrees/wt\n");
        Path sub = Files.createDirectories(worktree.resolve("src/main"));

        assertEquals(Optional.of(SHA_B), GitRevision.of(sub));
        assertEquals(Optional.of(SHA_A), GitRevision.of(repo));
    }

    @Test
    void worktreeWithPackedRefsInTheCommonDirectory() throws IOException {
        Path common = gitDir(temp.resolve("repo"), "ref: refs/heads/main\n");
        write(common.resolve("packed-refs"), SHA_A + " refs/heads/main\n" + SHA_C + " refs/heads/feature\n");
        Path worktreeGit = common.resolve("worktrees/wt");
        write(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        write(worktreeGit.resolve("commondir"), "../..\n");
        Path worktree = temp.resolve("wt");
        write(worktree.resolve(".git"), "gitdir: " + worktreeGit.toAbsolutePath() + "\n");

        assertEquals(Optional.of(SHA_C), GitRevision.of(worktree));
    }

    @Test
    void gitFileOfASubmoduleWithDetachedHead() throws IOException {
        Path outer = gitDir(temp, "ref: refs/heads/main\n");
        write(outer.resolve("refs/heads/main"), SHA_A + "\n");
        write(outer.resolve("modules/lib/HEAD"), SHA_C + "\n");
        Path submodule = temp.resolve("lib");
        write(submodule.resolve(".git"), "gitdir: ../.git/modules/lib\n");

        assertEquals(Optional.of(SHA_C), GitRevision.of(Files.createDirectories(submodule.resolve("src/main"))));
        assertEquals(Optional.of(SHA_C), GitRevision.of(submodule));
        assertEquals(Optional.of(SHA_A), GitRevision.of(temp));
    }

    @Test
    void noGitGivesEmpty() throws IOException {
        // Only meaningful when the temp directory itself is in no work tree (true on a normal build machine).
        Path dir = Files.createDirectories(temp.resolve("plain/dir"));
        boolean insideAWorkTree = false;
        for (Path p = temp.toAbsolutePath(); p != null; p = p.getParent()) {
            insideAWorkTree |= Files.exists(p.resolve(".git"));
        }
        Assumptions.assumeFalse(insideAWorkTree, "the temp directory is inside a git work tree");
        assertEquals(Optional.empty(), GitRevision.of(dir));
    }

    @Test
    void unresolvableHeadGivesEmpty() throws IOException {
        gitDir(temp, "ref: refs/heads/unborn\n");
        assertEquals(Optional.empty(), GitRevision.of(temp));
    }

    @Test
    void garbageGivesEmpty() throws IOException {
        Path git = gitDir(temp, "ref: refs/heads/main\n");
        write(git.resolve("refs/heads/main"), "not a sha\n");
        assertEquals(Optional.empty(), GitRevision.of(temp));

        Files.writeString(git.resolve("HEAD"), "something else\n");
        assertEquals(Optional.empty(), GitRevision.of(temp));
    }

    @Test
    void gitDirectoryWithoutHeadGivesEmpty() throws IOException {
        Files.createDirectories(temp.resolve(".git"));
        assertEquals(Optional.empty(), GitRevision.of(temp));
    }

    @Test
    void innermostWorkTreeWins() throws IOException {
        Path outer = gitDir(temp, SHA_A + "\n");
        assertTrue(Files.isDirectory(outer));
        Path inner = temp.resolve("inner");
        gitDir(inner, SHA_B + "\n");
        assertEquals(Optional.of(SHA_B), GitRevision.of(inner.resolve("x")));
        assertEquals(Optional.of(SHA_A), GitRevision.of(temp.resolve("y")));
    }
}
