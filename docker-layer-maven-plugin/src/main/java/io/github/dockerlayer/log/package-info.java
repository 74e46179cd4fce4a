/**
 * The log the core writes through ({@code BuildLog}) and how it prints sizes.
 */
package io.github.dockerlayer.log;
