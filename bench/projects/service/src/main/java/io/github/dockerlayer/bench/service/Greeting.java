package io.github.dockerlayer.bench.service;

import java.time.Instant;

/**
 * One greeting.
 *
 * @param name who is greeted
 * @param message the text
 * @param checksum a SHA-256 of the text, so clients can tell greetings apart
 * @param at when the greeting was first made
 */
public record Greeting(String name, String message, String checksum, Instant at) {}
