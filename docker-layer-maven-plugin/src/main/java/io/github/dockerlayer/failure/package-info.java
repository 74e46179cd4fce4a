/**
 * The failures the core reports about the user's input and project, each carrying what is wrong and how to fix it; the plugin layer turns them into Maven's failures.
 * {@link io.github.dockerlayer.failure.Invocation} is how a message says what to type (a parameter on the command line, goals to run, offline mode) without the build tool's words.
 */
package io.github.dockerlayer.failure;
