/**
 * The build of the base and app images into the OCI layout: the checked request ({@code BuildRequest}, {@code Parameters}), the app's plan and runtime config ({@code AppPlan}, {@code AppConfig}), and {@code ImageBuild}.
 */
package io.github.dockerlayer.assemble;
