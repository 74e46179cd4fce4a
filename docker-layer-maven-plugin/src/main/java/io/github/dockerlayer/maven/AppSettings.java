package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.AppRuntime;
import io.github.dockerlayer.layer.ExtraDirectories;
import java.nio.file.Path;

/**
 * What only the app image needs, checked: the image goal's own parameters, kept off the base goal so that its
 * documentation lists only what it uses.
 *
 * @param runtime how the app image runs
 * @param packagedJar the project's jar in packaged mode ({@code containerizingMode}), or null in exploded mode
 * @param extraDirectories the checked {@code extraDirectories}
 */
record AppSettings(AppRuntime runtime, Path packagedJar, ExtraDirectories extraDirectories) {

    /** The base goal's: it builds no app. */
    static final AppSettings NONE = new AppSettings(AppRuntime.NONE, null, ExtraDirectories.NONE);
}
