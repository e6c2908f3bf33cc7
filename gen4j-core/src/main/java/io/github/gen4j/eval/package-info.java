/**
 * Evaluation of trained models: likelihood bounds averaged over held-out images (more metrics, such as
 * FID and precision/recall, belong here too).
 */
package io.github.gen4j.eval;
