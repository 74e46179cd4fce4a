/**
 * The build records {@code base.json} and {@code image.json}, the contract between the goals: typed
 * ({@code BuildRecord}, its per-image {@code ManifestRecord} with {@code LayerRecord}s, {@code ParentRecord},
 * {@code LoadRecord}, {@code PushRecord}), read and written only by {@code BuildRecords}; their one consistency check
 * ({@code RecordCheck}); the names in the output directory ({@code OutputFiles}); what a build made
 * ({@code BuiltImage}, {@code BuiltLayer}) and how the base moved ({@code BuildReport}).
 */
package io.github.dockerlayer.record;
