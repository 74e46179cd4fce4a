/**
 * Content-addressed files: one {@code BlobStore} with the one verified write (the layout's blobs and the shared download cache), and {@code AtomicFiles}, the temp-file-and-move writes every other file uses.
 */
package io.github.dockerlayer.blob;
