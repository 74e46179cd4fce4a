/**
 * The OCI image layout as a medium: read as an image source, written as a sink (images, the index, garbage collection).
 */
package io.github.dockerlayer.layout;
