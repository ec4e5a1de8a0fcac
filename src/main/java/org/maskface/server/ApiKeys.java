package org.maskface.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys a server accepts, each with a role. A key file has one key per line:
 * {@code ROLE KEY [LABEL]}, ROLE one of {@code read}, {@code write}, {@code admin}; {@code #} starts
 * a comment. Only SHA-256 digests of the keys are kept in memory, and a presented key is compared
 * with every digest in constant time.
 */
public final class ApiKeys {

    /** What a key may do; each role includes the ones before it. */
    public enum Role {
        /** Recognise, verify, list subjects and their faces. */
        READ,
        /** Also enrol and forget. */
        WRITE,
        /** Everything (the single key of {@code --api-key} / {@code $MASKFACE_API_KEY}). */
        ADMIN;

        public boolean allows(Role needed) {
            return ordinal() >= needed.ordinal();
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Shortest key accepted from a file: a guessable key protects nothing. */
    public static final int MIN_KEY_LENGTH = 16;

    private record Entry(byte[] digest, Role role, String label) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no API keys");
        }
        this.entries = List.copyOf(entries);
    }

    /** One admin key. */
    public static ApiKeys single(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the API key is empty");
        }
        return new ApiKeys(List.of(new Entry(digest(key), Role.ADMIN, "admin")));
    }

    /** Reads a key file (see the class comment); a wrong line is an {@link IOException} naming it. */
    public static ApiKeys load(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            String where = file + " line " + (i + 1);
            if (parts.length < 2) {
                throw new IOException(where + ": expected 'ROLE KEY [LABEL]'");
            }
            Role role;
            try {
                role = Role.valueOf(parts[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": role must be read, write or admin, got '" + parts[0] + "'");
            }
            String key = parts[1];
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IOException(where + ": a key needs at least " + MIN_KEY_LENGTH + " characters");
            }
            if (!seen.add(key)) {
                throw new IOException(where + ": the same key is listed twice");
            }
            entries.add(new Entry(digest(key), role, parts.length > 2 ? parts[2] : role.cliName() + " key " + entries.size()));
        }
        if (entries.isEmpty()) {
            throw new IOException(file + " lists no key");
        }
        return new ApiKeys(entries);
    }

    /** The role of {@code presented}, empty when it is no key of this server. Constant time in the key. */
    public Optional<Role> roleOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] d = digest(presented);
        Role found = null;
        for (Entry e : entries) { // no early exit: every key is compared
            if (MessageDigest.isEqual(e.digest(), d)) {
                found = e.role();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
