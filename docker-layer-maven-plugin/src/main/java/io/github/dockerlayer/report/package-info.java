/**
 * What the log tells: the per-layer tables of the build, the diff and the push ({@code LayerTable}, one format and
 * one lock), and the end-of-build summary of every module's images and pushes ({@code BuildSummary}).
 */
package io.github.dockerlayer.report;
