/**
 * The build of the base and app images into the OCI layout: the checked request ({@code BuildRequest},
 * {@code Parameters}), the app's plan and runtime config ({@code AppPlan}, {@code AppConfig}), and {@code ImageBuild},
 * the goals' facade over {@code MainClass} (which class runs), {@code BaseBuild} (from image and dependency layers),
 * {@code RegistryBase} (adopting a base the target registry holds), {@code AppBuild} (the app's layers and config) and
 * {@code LayerBuilder} (a planned layer from the cache or built).
 */
package io.github.dockerlayer.assemble;
