package org.bluebutton.analytics.reporting.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import org.bluebutton.analytics.reporting.ToolVersion;

/**
 * Publishes a run's output all at once. Everything is written into a temporary directory beside the
 * output directory ({@code .<name>.tmp-<id>}, same file system, so renames are atomic); only a run
 * that finished renames it into place. A previous output is moved aside ({@code .<name>.old-<id>}),
 * the new one renamed in, and the old one deleted: a run that fails or is killed before publishing
 * leaves the previous output exactly as it was. Between the two renames (microseconds) the output
 * path briefly does not exist; a run killed in that window leaves the old output under its
 * {@code .old-} name, and the next run puts it back before doing anything else. Leftover temporary
 * directories of killed runs are removed by the next run. One run per output directory at a time:
 * a lock file ({@code .<name>.lock}) refuses a second.
 *
 * <p>Since publishing replaces the output directory as a whole, only a new or empty directory or a
 * previous report (a directory holding this tool's {@link Manifest}) is accepted; anything else is
 * refused before anything is created or deleted ({@link NotAReportDirectoryException}).
 */
public final class OutputDirectory implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean published;

    private OutputDirectory(Path target, Path staging, FileChannel lockChannel, FileLock lock) {
        this.target = target;
        this.staging = staging;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Locks {@code target}, repairs what a killed run left behind and creates an empty staging directory. */
    public static OutputDirectory prepare(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        try {
            refuseWhatIsNotAReport(target);
            Files.createDirectories(parent);
            FileChannel channel = FileChannel.open(parent.resolve("." + name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new OutputException(target, "another report run is writing it", null);
            }
            recover(parent, name, target);
            Path staging = parent.resolve("." + name + ".tmp-" + UUID.randomUUID());
            Files.createDirectory(staging);
            return new OutputDirectory(target, staging, channel, lock);
        } catch (IOException e) {
            throw new OutputException(target, e.getMessage(), e);
        }
    }

    /**
     * Refuses a file, or a non-empty directory without a report manifest of this tool: replacing it
     * would delete something that is not a report.
     */
    static void refuseWhatIsNotAReport(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotAReportDirectoryException(target, "exists and is not a directory");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            if (!entries.iterator().hasNext()) {
                return;
            }
        }
        Path manifest = target.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotAReportDirectoryException(target, "is not empty and is not a previous report (it has no " + Manifest.FILE_NAME + ")");
        }
        String tool;
        try {
            tool = new ObjectMapper().readTree(manifest.toFile()).path("tool").asText("");
        } catch (IOException e) {
            tool = "";
        }
        if (!ToolVersion.TOOL.equals(tool)) {
            throw new NotAReportDirectoryException(target, "is not empty and its " + Manifest.FILE_NAME + " is not a report manifest");
        }
    }

    /** Where this run writes; published as the output directory by {@link #publish()}. */
    public Path staging() {
        return staging;
    }

    /** The output directory. */
    public Path target() {
        return target;
    }

    /** Replaces the output directory with the staging directory. */
    public void publish() {
        Path parent = target.getParent();
        Path old = parent.resolve("." + target.getFileName() + ".old-" + UUID.randomUUID());
        try {
            boolean replacing = Files.exists(target);
            if (replacing) {
                move(target, old);
            }
            move(staging, target);
            published = true;
            if (replacing) {
                deleteRecursively(old);
            }
        } catch (IOException e) {
            throw new OutputException(target, "could not rename " + staging.getFileName() + " into place: " + e.getMessage(), e);
        }
    }

    /** Removes the staging directory unless it was published, and releases the lock. */
    @Override
    public void close() {
        try {
            if (!published) {
                deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + staging, e);
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }

    private static void recover(Path parent, String name, Path target) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent, "." + name + ".{tmp,old}-*")) {
            for (Path leftover : leftovers) {
                boolean old = leftover.getFileName().toString().startsWith("." + name + ".old-");
                if (old && !Files.exists(target)) {
                    move(leftover, target); // killed between the two renames of a publish: the old output comes back
                } else {
                    deleteRecursively(leftover);
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + from + " atomically", e);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
