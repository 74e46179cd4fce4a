/**
 * The OCI distribution client: requests, authentication, retries, the registry as an image source and as a sink, and one client per registry host for a build.
 */
package io.github.dockerlayer.registry;
