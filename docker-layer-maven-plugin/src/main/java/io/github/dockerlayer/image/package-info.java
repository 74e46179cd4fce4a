/**
 * The image model in the OCI image spec's words: digests, descriptors, media types, platforms, references, read-only images and layers whose blobs open their own bytes lazily, and pure functions returning new images. No I/O except {@code Blob.open()}.
 */
package io.github.dockerlayer.image;
