/**
 * The OCI distribution client: requests, authentication, retries, the registry as an image source and as a sink, and one client per registry host for a build.
 *
 * <p>{@link io.github.dockerlayer.registry.RegistryClient} is the public face, one per registry; it wraps whole
 * operations in {@code Retry} and leaves manifests to {@code Manifests} and blob uploads (mount, upload session) to
 * {@code BlobUpload}. Below it {@code RegistryHttp} sends a request with authorization ({@code RegistryAuth},
 * {@code Challenge}) and follows redirects; {@code SchemeProbe} decides once whether the registry speaks https or
 * plain http; {@code HttpExchange} does one exchange on the JDK client with its timeouts; {@code Failure} says what a
 * status or a failed connection means: which {@link io.github.dockerlayer.registry.RegistryException.Kind}, and
 * whether another attempt may help.
 */
package io.github.dockerlayer.registry;
