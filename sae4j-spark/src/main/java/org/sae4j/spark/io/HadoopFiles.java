package org.sae4j.spark.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sae4j.InvalidInputException;

/**
 * Whole files on any Hadoop-compatible path (local, HDFS, S3A...), written so that a reader never sees half of one:
 * the bytes go to a hidden temporary name beside the target, which is then renamed into place.
 */
public final class HadoopFiles {
    private final Configuration conf;

    public HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    /** Writes {@code bytes} to {@code path} atomically (a rename), replacing an older file. */
    public void write(String path, byte[] bytes) {
        Path target = new Path(path);
        Path tmp = new Path(target.getParent(), "._" + target.getName() + ".tmp");
        try {
            FileSystem fs = fs(target);
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(bytes);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename to " + target + " failed");
            }
        } catch (IOException e) {
            throw unreachable(path, e);
        }
    }

    /** The bytes of the file at {@code path}. */
    public byte[] read(String path) {
        Path p = new Path(path);
        try (InputStream in = fs(p).open(p)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw unreachable(path, e);
        }
    }

    /** Names of the files in directory {@code dir} (none when it does not exist). */
    public List<String> list(String dir) {
        Path p = new Path(dir);
        List<String> names = new ArrayList<>();
        try {
            FileSystem fs = fs(p);
            if (!fs.exists(p)) {
                return names;
            }
            for (FileStatus s : fs.listStatus(p)) {
                names.add(s.getPath().getName());
            }
            return names;
        } catch (IOException e) {
            throw unreachable(dir, e);
        }
    }

    public void delete(String path, boolean recursive) {
        Path p = new Path(path);
        try {
            fs(p).delete(p, recursive);
        } catch (IOException e) {
            throw unreachable(path, e);
        }
    }

    public boolean exists(String path) {
        Path p = new Path(path);
        try {
            return fs(p).exists(p);
        } catch (IOException e) {
            throw unreachable(path, e);
        }
    }

    /** Renames {@code from} to {@code to}, which must not exist. */
    public void rename(String from, String to) {
        Path a = new Path(from);
        try {
            if (!fs(a).rename(a, new Path(to))) {
                throw new IOException("rename to " + to + " failed");
            }
        } catch (IOException e) {
            throw unreachable(to, e);
        }
    }

    private FileSystem fs(Path p) throws IOException {
        return p.getFileSystem(conf);
    }

    /** One sentence naming the path and the file system's own reason. */
    static InvalidInputException unreachable(String path, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new InvalidInputException("Path '" + path + "' could not be read or written (" + reason + ").");
    }
}
