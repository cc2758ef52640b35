package org.sae4j.nn;

/**
 * A rule that keeps each row of a parameter on a set (an SAE's decoder rows on the unit sphere), applied by the
 * optimizer row by row: the gradient of a few rows is projected, those rows are updated, and they are put back on
 * the set while they are still in cache. Done as three passes over the whole matrix instead, the projection and the
 * renormalisation each read it from memory again (at 24,576 × 768, 7 and 6 ms a step against Adam's 16).
 *
 * <p>Rows are independent of each other, so a rule may be applied to any split of the rows without changing a bit.
 */
public interface RowConstraint {

    /** Values per row. */
    int rowLength();

    /** Makes the gradient of rows [from, to) tangent to the set, so the update leaves them on it to first order. */
    void project(float[] value, float[] grad, int from, int to);

    /** Puts rows [from, to) back on the set after their update. */
    void restore(float[] value, int from, int to);
}
