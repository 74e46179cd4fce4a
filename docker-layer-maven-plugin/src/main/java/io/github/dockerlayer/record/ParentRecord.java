package io.github.dockerlayer.record;

/**
 * What an image stands on: {@code from} in {@code base.json} (the from image), {@code base} in {@code image.json}.
 *
 * @param image its name
 * @param digest its manifest digest, or null when unknown
 */
public record ParentRecord(String image, String digest) {}
