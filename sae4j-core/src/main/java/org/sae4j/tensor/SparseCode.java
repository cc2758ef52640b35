package org.sae4j.tensor;

/**
 * Sparse rows (compressed sparse row form): row r holds the entries {@code rowStart[r] .. rowStart[r+1]-1},
 * each a column {@code index[e]} and a {@code value[e]}, columns ascending within a row. TopK latents stay in
 * this form in the hot path: a batch of 1024 rows with k = 32 is 32k entries, not 1024 × 4096 floats.
 */
public record SparseCode(int rows, int width, int[] rowStart, int[] index, float[] value) {

    public SparseCode {
        if (rowStart.length != rows + 1 || index.length < rowStart[rows] || value.length < rowStart[rows]) {
            throw new IllegalArgumentException("sparse code arrays do not match " + rows + " rows");
        }
    }

    /** Number of stored entries. */
    public int size() {
        return rowStart[rows];
    }

    /** The row of every entry. */
    public int[] rowOfEntries() {
        int[] rowOf = new int[size()];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(rowOf, rowStart[r], rowStart[r + 1], r);
        }
        return rowOf;
    }

    /** The same entries with other values (e.g. gradients), sharing the pattern. */
    public SparseCode withValues(float[] values) {
        return new SparseCode(rows, width, rowStart, index, values);
    }

    /** rows × width dense copy, zeros elsewhere. */
    public float[] toDense() {
        float[] out = new float[Math.multiplyExact(rows, width)];
        for (int r = 0; r < rows; r++) {
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                out[r * width + index[e]] += value[e];
            }
        }
        return out;
    }

    /** The non-zero entries of a dense rows × width array. */
    public static SparseCode fromDense(float[] dense, int rows, int width) {
        int[] start = new int[rows + 1];
        int nnz = 0;
        for (float v : dense) {
            nnz += v != 0f ? 1 : 0;
        }
        int[] idx = new int[nnz];
        float[] val = new float[nnz];
        int e = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = e;
            for (int c = 0; c < width; c++) {
                float v = dense[r * width + c];
                if (v != 0f) {
                    idx[e] = c;
                    val[e++] = v;
                }
            }
        }
        start[rows] = e;
        return new SparseCode(rows, width, start, idx, val);
    }

    /** The given rows, in that order (a row may repeat): a probe's train/test split of a shared code. */
    public SparseCode selectRows(int[] wanted) {
        int[] start = new int[wanted.length + 1];
        for (int i = 0; i < wanted.length; i++) {
            int r = wanted[i];
            start[i + 1] = start[i] + rowStart[r + 1] - rowStart[r];
        }
        int[] idx = new int[start[wanted.length]];
        float[] val = new float[idx.length];
        for (int i = 0; i < wanted.length; i++) {
            int r = wanted[i];
            System.arraycopy(index, rowStart[r], idx, start[i], start[i + 1] - start[i]);
            System.arraycopy(value, rowStart[r], val, start[i], start[i + 1] - start[i]);
        }
        return new SparseCode(wanted.length, width, start, idx, val);
    }

    /**
     * Only the columns {@code kept} (any order; a repeat counts once), renumbered 0..kept.length-1 in ascending order of
     * their old numbers: columns stay ascending within a row and the entries keep their order, so a sum over a
     * row's entries adds the same terms in the same order as before.
     */
    public SparseCode keepColumns(int[] kept) {
        int[] newIndex = new int[width];
        java.util.Arrays.fill(newIndex, -1);
        for (int c : kept) {
            newIndex[c] = 0;
        }
        int next = 0;
        for (int c = 0; c < width; c++) {
            newIndex[c] = newIndex[c] < 0 ? -1 : next++;
        }
        int[] start = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            start[r + 1] = start[r];
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                start[r + 1] += newIndex[index[e]] >= 0 ? 1 : 0;
            }
        }
        int[] idx = new int[start[rows]];
        float[] val = new float[idx.length];
        int out = 0;
        for (int e = 0; e < size(); e++) {
            if (newIndex[index[e]] >= 0) {
                idx[out] = newIndex[index[e]];
                val[out++] = value[e];
            }
        }
        return new SparseCode(rows, next, start, idx, val);
    }

    /** The rows of {@code parts}, one after another, all of one width: codes encoded chunk by chunk, as one. */
    public static SparseCode concat(java.util.List<SparseCode> parts, int width) {
        int rows = 0;
        int size = 0;
        for (SparseCode p : parts) {
            if (p.width != width) {
                throw new IllegalArgumentException("a code of width " + p.width + " among codes of width " + width);
            }
            rows = Math.addExact(rows, p.rows);
            size = Math.addExact(size, p.size());
        }
        int[] start = new int[rows + 1];
        int[] idx = new int[size];
        float[] val = new float[size];
        int row = 0;
        int at = 0;
        for (SparseCode p : parts) {
            for (int r = 0; r < p.rows; r++) {
                start[row + r + 1] = at + p.rowStart[r + 1];
            }
            System.arraycopy(p.index, 0, idx, at, p.size());
            System.arraycopy(p.value, 0, val, at, p.size());
            row += p.rows;
            at += p.size();
        }
        return new SparseCode(rows, width, start, idx, val);
    }

    /**
     * The same code without its stored zeros (TopK keeps ReLU(pre) of its k largest, which is 0 when fewer
     * than k are positive): what {@link #fromDense} of {@link #toDense} holds, so every path to a sparse code
     * of the same latents gives the same arrays. Returns this code when it stores no zero.
     */
    public SparseCode withoutZeros() {
        int n = size();
        int zeros = 0;
        for (int e = 0; e < n; e++) {
            zeros += value[e] == 0f ? 1 : 0;
        }
        if (zeros == 0) {
            return this;
        }
        int[] start = new int[rows + 1];
        int[] idx = new int[n - zeros];
        float[] val = new float[n - zeros];
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = kept;
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                if (value[e] != 0f) {
                    idx[kept] = index[e];
                    val[kept++] = value[e];
                }
            }
        }
        start[rows] = kept;
        return new SparseCode(rows, width, start, idx, val);
    }

    /**
     * The column-major view of the pattern: for column c, {@code entries[colStart[c] .. colStart[c+1]-1]} are
     * the entry numbers in that column, rows ascending, and {@code rowOf[e]} is entry e's row. Gradients are
     * summed per column through it, so every sum has one fixed order whatever the thread count. Build it once
     * per code and reuse it for every gradient of the step.
     */
    public record Columns(int[] colStart, int[] entries, int[] rowOf) {
    }

    public Columns columns() {
        int n = size();
        int[] start = new int[width + 1];
        for (int e = 0; e < n; e++) {
            start[index[e] + 1]++;
        }
        for (int c = 0; c < width; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = java.util.Arrays.copyOf(start, width);
        int[] entries = new int[n];
        for (int e = 0; e < n; e++) {
            entries[fill[index[e]]++] = e;
        }
        return new Columns(start, entries, rowOfEntries());
    }
}
