/**
 * The {@code sae4j-spark} command line (the {@code ./sae4j-spark.sh} launcher's and spark-submit's main class): train,
 * encode, eval and capture, with the flags of {@code sae4j train} and {@code sae4j capture}, and one sentence for every
 * failure. The top of the module: it may import every package, and nothing imports it. It also imports sae4j-cli's
 * option classes where an option means the same on both ({@code SaeFlags}, the refusals and header behind it), rather
 * than copying them; what differs on a cluster (where data is read, what a partition does) is declared here.
 */
package org.sae4j.spark.cli;
