package org.bluebutton.analytics.reporting.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file held in memory: one row group's worth of a large dataset, written by a worker
 * thread and then copied into the dataset's file (see {@link ParquetDatasetWriter}).
 */
final class InMemoryFile implements OutputFile, InputFile {

    private final Buffer buffer;

    InMemoryFile(int initialCapacity) {
        this.buffer = new Buffer(initialCapacity);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        buffer.reset();
        return new PositionOutputStream() {
            @Override
            public long getPos() {
                return buffer.size();
            }

            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }
        };
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public long getLength() {
        return buffer.size();
    }

    @Override
    public SeekableInputStream newStream() {
        Input input = new Input(buffer.bytes(), buffer.size());
        return new DelegatingSeekableInputStream(input) {
            @Override
            public long getPos() {
                return input.position();
            }

            @Override
            public void seek(long newPos) throws IOException {
                if (newPos < 0 || newPos > buffer.size()) {
                    throw new IOException("seek to " + newPos + " outside a file of " + buffer.size() + " bytes");
                }
                input.position((int) newPos);
            }
        };
    }

    @Override
    public String getPath() {
        return "memory";
    }

    /** A byte array output stream that shares its array instead of copying it. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int capacity) {
            super(capacity);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** A byte array input stream whose position can be read and set. */
    private static final class Input extends ByteArrayInputStream {
        Input(byte[] bytes, int length) {
            super(bytes, 0, length);
        }

        int position() {
            return pos;
        }

        void position(int position) {
            pos = position;
        }
    }
}
