/**
 * The {@code load} parameter of the image goal: what a Docker daemon already holds and so may be left out of the archive ({@code LoadPlanner}), the archive piped into the daemon, the fallback to a full load, {@code daemon-loads.json}.
 */
package io.github.dockerlayer.load;
