package io.paas.builder.build;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The build context of a Dockerfile build: the source tree as a tar, less what .dockerignore names. */
public final class DockerContext {
    public static final String DOCKERFILE = "Dockerfile";
    private static final String IGNORE_FILE = ".dockerignore";

    private DockerContext() {
    }

    /** Writes the tar of dir to tarFile; answers the number of files (and links) in it. */
    public static int write(Path dir, Path tarFile) throws IOException {
        return write(dir, tarFile, DOCKERFILE);
    }

    /** The same, keeping dockerfile (its path in dir) in the tar even when .dockerignore names it. */
    public static int write(Path dir, Path tarFile, String dockerfile) throws IOException {
        Path ignoreFile = dir.resolve(IGNORE_FILE);
        DockerIgnore ignore = DockerIgnore.parse(Files.isRegularFile(ignoreFile, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAllLines(ignoreFile) : List.of());
        int files = 0;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tarFile));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file, "UTF-8");
             Stream<Path> paths = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                String name = dir.relativize(path).toString();
                // the engine needs both files even when .dockerignore names them; COPY still leaves them out
                if (name.isEmpty() || ignore.ignores(name) && !name.equals(dockerfile) && !name.equals(IGNORE_FILE)) {
                    continue;
                }
                TarArchiveEntry entry;
                if (Files.isSymbolicLink(path)) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(path).toString());
                } else if (Files.isDirectory(path)) {
                    entry = new TarArchiveEntry(name + "/");
                } else {
                    entry = new TarArchiveEntry(name);
                    entry.setSize(Files.size(path));
                }
                entry.setMode(mode(path, entry));
                entry.setModTime(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis());
                tar.putArchiveEntry(entry);
                if (entry.isFile()) {
                    Files.copy(path, tar);
                    files++;
                } else if (entry.isSymbolicLink()) {
                    files++;
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return files;
    }

    private static int mode(Path path, TarArchiveEntry entry) throws IOException {
        if (entry.isSymbolicLink()) {
            return 0120777;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        int type = entry.isDirectory() ? 040000 : 0100000;
        return type | (entry.isDirectory() || permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644);
    }
}
