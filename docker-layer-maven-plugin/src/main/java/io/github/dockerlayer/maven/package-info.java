/**
 * The plugin layer, the only package with Maven types and Maven's wording: thin mojos, the extension, the translation of the Maven project into the core's request, and {@code Failures}, the one place failures become Maven's.
 */
package io.github.dockerlayer.maven;
