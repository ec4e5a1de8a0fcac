package org.maskface.gallery;

/** An enrolled subject and how many faces it has. */
public record Subject(String name, int faces) {
}
