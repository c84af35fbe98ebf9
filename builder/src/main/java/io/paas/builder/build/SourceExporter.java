package io.paas.builder.build;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the tree of a commit to a directory, keeping exec bits and symlinks (like `git archive | tar x`). */
public class SourceExporter {
    /** Answers the number of files written; submodules are skipped (their objects are not pushed). */
    public int export(Repository repository, ObjectId commit, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        int files = 0;
        try (ObjectReader reader = repository.newObjectReader();
             RevWalk walk = new RevWalk(reader);
             TreeWalk tree = new TreeWalk(reader)) {
            RevCommit parsed = walk.parseCommit(commit);
            tree.addTree(parsed.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    continue;
                }
                Path path = root.resolve(tree.getPathString()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("path outside the source tree: " + tree.getPathString());
                }
                Files.createDirectories(path.getParent());
                if (mode == FileMode.SYMLINK) {
                    byte[] link = reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes();
                    Files.createSymbolicLink(path, Path.of(new String(link, StandardCharsets.UTF_8)));
                } else {
                    try (OutputStream out = Files.newOutputStream(path)) {
                        reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).copyTo(out);
                    }
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                            mode == FileMode.EXECUTABLE_FILE ? "rwxr-xr-x" : "rw-r--r--"));
                }
                files++;
            }
        }
        return files;
    }
}
