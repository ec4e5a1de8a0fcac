package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentificationBenchmarkTest {

    @TempDir
    Path root;

    @Test
    void scanFindsIdentityFoldersWithImagesSortedByName() throws IOException {
        Files.createDirectories(root.resolve("bob"));
        Files.createDirectories(root.resolve("alice"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("bob/2.PNG"), "x");
        Files.writeString(root.resolve("bob/1.jpg"), "x");
        Files.writeString(root.resolve("bob/notes.txt"), "x");
        Files.writeString(root.resolve("alice/a.pgm"), "x");
        Files.writeString(root.resolve("stray.jpg"), "x");
        var ids = IdentificationBenchmark.scan(root);
        assertEquals(List.of("alice", "bob"), List.copyOf(ids.keySet()));
        assertEquals(List.of(root.resolve("bob/1.jpg"), root.resolve("bob/2.PNG")), ids.get("bob"));
    }

    @Test
    void aFolderWithoutIdentitiesIsAnError() throws IOException {
        Files.writeString(root.resolve("stray.jpg"), "x");
        assertThrows(IOException.class, () -> IdentificationBenchmark.scan(root));
    }
}
