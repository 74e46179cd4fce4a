/**
 * What the log tells about a whole build: the end-of-build summary of every module's images and pushes.
 */
package io.github.dockerlayer.report;
