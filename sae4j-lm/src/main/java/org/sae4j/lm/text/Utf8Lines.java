package org.sae4j.lm.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of strict UTF-8, decoded one line at a time so that a malformed byte is reported at its own line (a
 * buffered Reader decodes ahead and would blame the line being read). Lines end at \n, with a \r before it dropped.
 */
final class Utf8Lines implements AutoCloseable {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int end;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end; throws {@link CharacterCodingException} for a line that is not UTF-8. */
    String readLine() throws IOException {
        line.reset();
        while (true) {
            if (pos == end) {
                end = in.read(buf);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return line.size() == 0 ? null : decode();
                }
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            line.write(buf, start, pos - start);
            if (pos < end) {
                pos++; // the newline
                return decode();
            }
        }
    }

    private String decode() throws CharacterCodingException {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return decoder.decode(ByteBuffer.wrap(b, 0, n)).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
