/**
 * The plugin layer, the only package with Maven types and Maven's wording: thin mojos (MavenProject and MavenSession
 * through their constructors), the extension, the translation of the Maven project into the core's request, and
 * {@code Failures}, the one place failures become Maven's. {@code CommandLine} is the one table of the parameters a
 * {@code docker-layer.*} property overrides, {@code SkipPolicy} says when a goal has nothing to do,
 * {@code EarlyDaemon} starts the daemon connection early, {@code MainClassSettling} settles what the image runs, and
 * {@code ImageDependencies} (an injected component) selects a module's image dependencies by one rule for its own base
 * and a shared base.
 */
package io.github.dockerlayer.maven;
