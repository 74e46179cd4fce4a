/**
 * Facts read from a project's own files: its main class (ASM), its git revision, whether its jar bundles its dependencies.
 */
package io.github.dockerlayer.project;
