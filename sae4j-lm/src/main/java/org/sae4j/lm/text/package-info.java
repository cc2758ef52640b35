/**
 * Text in: the embedded public-domain corpus and the user's .txt, .txt.gz and .jsonl files, folders and globs, read
 * as numbered documents, strictly UTF-8. Imports the core's root package and Jackson.
 */
package org.sae4j.lm.text;
