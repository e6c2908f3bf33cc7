/**
 * Small file utilities shared by every package: atomic (temp file + rename) writes. Image formats live
 * in {@code image}, checkpoints in {@code train}.
 */
package io.github.gen4j.io;
