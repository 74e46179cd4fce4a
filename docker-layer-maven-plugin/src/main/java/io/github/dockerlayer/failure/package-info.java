/**
 * The failures the core reports about the user's input and project, each carrying what is wrong and how to fix it; the plugin layer turns them into Maven's failures.
 */
package io.github.dockerlayer.failure;
