/**
 * Shared, stable network building blocks used by more than one family (upsampling; later norms,
 * residual blocks, attention, time embeddings). A family's own architecture lives in its package.
 */
package io.github.gen4j.nn;
