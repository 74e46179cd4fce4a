/**
 * The build records {@code base.json} and {@code image.json}: what each goal built, written and read in one place.
 */
package io.github.dockerlayer.record;
