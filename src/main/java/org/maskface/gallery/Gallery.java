package org.maskface.gallery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * A persistent gallery of enrolled faces: one Lucene index (HNSW graph over the embeddings,
 * cosine) plus {@code gallery.json} ({@link GalleryInfo}) in one folder. Each face is one
 * document: subject, face id, source, time, occlusion and the vector.
 *
 * <p>Durable: every {@link #enroll} and {@link #forget} commits (fsync) before it returns, so a
 * face whose enrolment was acknowledged survives a crash or {@code kill -9}; an interrupted one
 * is either wholly in or wholly out. A write that fails (disk full, I/O error) is rolled back —
 * nothing of it is committed later — and the next write opens a fresh index writer.
 *
 * <p>Erasing: {@link #forget} rewrites every segment that held a forgotten face before it returns
 * (a Lucene delete only marks a document deleted; its name, source and vector would stay in the
 * files until a merge), so the bytes are gone from the index folder when it is acknowledged.
 *
 * <p>Thread-safe; one process at a time may open a gallery for writing (it holds
 * {@value #PROCESS_LOCK} for as long as it is open, besides Lucene's own lock, so a failed writer
 * never lets another process in), any number read-only.
 */
public final class Gallery implements AutoCloseable {

    /** How a gallery is opened. */
    public enum Access {
        /** Created when missing; enrol and forget allowed; holds the write lock. */
        READ_WRITE,
        /** Must exist; searches and listings only; does not block a writer. */
        READ_ONLY
    }

    static final String SUBJECT = "subject";
    static final String FACE_ID = "face_id";
    static final String SOURCE = "source";
    static final String ENROLLED_AT = "enrolled_at";
    static final String OCCLUSION = "occlusion";
    static final String VECTOR = "vector";

    /** File in the gallery folder that a writing process keeps locked while the gallery is open. */
    static final String PROCESS_LOCK = "writer.lock";

    /**
     * Faces the HNSW search returns at least for {@link #identify}: more costs time, fewer misses
     * the true closest face. On 1M synthetic faces (docs/bench/gallery-search*.json, 19 segments)
     * 50 candidates found the exact top subject for 93.5 % of 200 probes (p50 8.0 ms), 100 for
     * 98.5 % (12.1 ms), 200 for all (16.1 ms).
     */
    public static final int MIN_CANDIDATES = 200;

    /** Longest subject name accepted. */
    public static final int MAX_NAME_LENGTH = 128;

    /**
     * How the index writer buffers and merges. Only bulk loads (the gallery benchmark) need other
     * than {@link #DEFAULT}; searches and the stored faces are the same either way.
     *
     * @param ramBufferMb            documents buffered in memory before a segment is written (each
     *                               commit writes one too); Lucene's default is 16
     * @param mergeInIndexingThread  merge segments in the thread that enrols (inside its commit)
     *                               instead of a background thread, so a bulk load uses one core
     */
    public record IndexingOptions(double ramBufferMb, boolean mergeInIndexingThread) {
        public static final IndexingOptions DEFAULT =
                new IndexingOptions(IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB, false);

        public IndexingOptions {
            if (!(ramBufferMb > 0)) {
                throw new IllegalArgumentException("ramBufferMb must be > 0, got " + ramBufferMb);
            }
        }
    }

    private final Path dir;
    private final GalleryInfo info;
    private final Directory directory;
    private final IndexingOptions indexing;
    /** This process's hold on {@link #PROCESS_LOCK}; null when read-only. */
    private final java.nio.channels.FileLock processLock;
    /** Guarded by this; null when read-only, or after a failed write until the next write reopens it. */
    private IndexWriter writer;
    private volatile String lastWriteProblem;
    private final SearcherManager searchers;

    private Gallery(Path dir, GalleryInfo info, Directory directory, IndexingOptions indexing,
                    java.nio.channels.FileLock processLock, IndexWriter writer, SearcherManager searchers) {
        this.dir = dir;
        this.info = info;
        this.directory = directory;
        this.indexing = indexing;
        this.processLock = processLock;
        this.writer = writer;
        this.searchers = searchers;
    }

    /**
     * Opens the gallery in {@code dir} for vectors described by {@code wanted}: creates it when
     * the folder is missing or empty (READ_WRITE), refuses it when it holds another method's
     * vectors ({@link GalleryException.Reason#MISMATCH}).
     */
    public static Gallery open(Path dir, GalleryInfo wanted, Access access) {
        return open(dir, wanted, access, IndexingOptions.DEFAULT);
    }

    /** {@link #open(Path, GalleryInfo, Access)} with other indexing settings (ignored when READ_ONLY). */
    public static Gallery open(Path dir, GalleryInfo wanted, Access access, IndexingOptions indexing) {
        return open(dir, wanted, access, indexing, d -> d);
    }

    /** As {@link #open(Path, GalleryInfo, Access, IndexingOptions)} over a wrapped index directory (tests inject faults). */
    static Gallery open(Path dir, GalleryInfo wanted, Access access, IndexingOptions indexing,
                        java.util.function.UnaryOperator<Directory> wrap) {
        try {
            GalleryInfo info;
            if (Files.exists(dir.resolve(GalleryInfo.FILE))) {
                info = GalleryInfo.read(dir);
                info.requireCompatible(wanted, dir);
            } else if (access == Access.READ_ONLY) {
                throw new GalleryException(GalleryException.Reason.NOT_FOUND, "no gallery in " + dir
                        + " (nothing enrolled yet; `maskface enroll` creates it)");
            } else {
                if (Files.isDirectory(dir) && !isEmpty(dir)) {
                    throw new GalleryException(GalleryException.Reason.CORRUPT, dir + " is not empty and holds no "
                            + GalleryInfo.FILE + "; refusing to create a gallery among other files");
                }
                Files.createDirectories(dir);
                info = wanted;
                info.write(dir);
            }
            if (access == Access.READ_WRITE) {
                requireWritable(dir);
                makePrivate(dir);
            }
            return openIndex(dir, info, access, indexing, wrap);
        } catch (IOException e) {
            throw new GalleryException(GalleryException.Reason.CORRUPT, "cannot open gallery " + dir + ": " + e, e);
        }
    }

    /** Opens an existing gallery whatever made it (listing and forgetting need no models). */
    public static Gallery openExisting(Path dir, Access access) {
        if (!Files.exists(dir.resolve(GalleryInfo.FILE))) {
            throw new GalleryException(GalleryException.Reason.NOT_FOUND, "no gallery in " + dir
                    + " (nothing enrolled yet; `maskface enroll` creates it)");
        }
        try {
            return openIndex(dir, GalleryInfo.read(dir), access, IndexingOptions.DEFAULT, d -> d);
        } catch (IOException e) {
            throw new GalleryException(GalleryException.Reason.CORRUPT, "cannot open gallery " + dir + ": " + e, e);
        }
    }

    private static Gallery openIndex(Path dir, GalleryInfo info, Access access, IndexingOptions indexing,
                                     java.util.function.UnaryOperator<Directory> wrap) throws IOException {
        Directory directory = wrap.apply(FSDirectory.open(dir.resolve("index")));
        java.nio.channels.FileLock lock = null;
        try {
            if (access == Access.READ_ONLY) {
                if (!DirectoryReader.indexExists(directory)) {
                    throw new GalleryException(GalleryException.Reason.CORRUPT, dir + " has no index");
                }
                return new Gallery(dir, info, directory, indexing, null, null,
                        new SearcherManager(directory, new SearcherFactory()));
            }
            lock = lockProcess(dir);
            IndexWriter writer = openWriter(dir, directory, indexing);
            writer.commit(); // a new gallery has a readable (empty) index from the start
            return new Gallery(dir, info, directory, indexing, lock, writer,
                    new SearcherManager(directory, new SearcherFactory()));
        } catch (IOException | RuntimeException e) {
            directory.close();
            if (lock != null) {
                lock.channel().close();
            }
            if (e instanceof NoSuchFileException) {
                throw new GalleryException(GalleryException.Reason.CORRUPT, dir + " has no index", e);
            }
            throw e;
        }
    }

    private static GalleryException lockedBy(Path dir, Throwable cause) {
        return new GalleryException(GalleryException.Reason.LOCKED, "gallery " + dir + " is open for writing in "
                + "another process (a running `maskface serve`?); stop it or use its REST API", cause);
    }

    /** Holds {@link #PROCESS_LOCK} (an OS file lock, gone when the process dies) or refuses. */
    private static java.nio.channels.FileLock lockProcess(Path dir) throws IOException {
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(PROCESS_LOCK),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) { // held by this JVM
            ch.close();
            throw lockedBy(dir, e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw lockedBy(dir, null);
        }
        return lock;
    }

    private static IndexWriter openWriter(Path dir, Directory directory, IndexingOptions indexing) throws IOException {
        org.apache.lucene.index.TieredMergePolicy merges = new org.apache.lucene.index.TieredMergePolicy();
        merges.setForceMergeDeletesPctAllowed(0); // forget rewrites any segment with a forgotten face
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(indexing.ramBufferMb()).setMergePolicy(merges);
        if (indexing.mergeInIndexingThread()) {
            config.setMergeScheduler(new SerialMergeScheduler());
        }
        try {
            return new IndexWriter(directory, config);
        } catch (LockObtainFailedException e) {
            throw lockedBy(dir, e);
        }
    }

    /**
     * Biometric templates are for this user's eyes only: the gallery folder becomes rwx------ (what
     * Lucene writes inside inherits the umask, but nobody else can enter the folder) and its
     * description file rw-------. No-op where the file system has no POSIX permissions.
     */
    static void makePrivate(Path dir) throws IOException {
        if (!Files.getFileStore(dir).supportsFileAttributeView("posix")
                || !Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
            return; // only the owner may change the modes; a co-owner's write still goes ahead
        }
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path description = dir.resolve(GalleryInfo.FILE);
        if (Files.exists(description)) {
            Files.setPosixFilePermissions(description, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** A gallery this user may not write is refused up front, with the reason, not by a failure deep in Lucene. */
    private static void requireWritable(Path dir) throws IOException {
        for (Path p : new Path[] {dir, dir.resolve("index")}) {
            if (Files.exists(p) && !Files.isWritable(p)) {
                String modes = Files.getFileStore(p).supportsFileAttributeView("posix")
                        ? " (owner " + Files.getOwner(p).getName() + ", "
                        + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + ")"
                        : "";
                throw new GalleryException(GalleryException.Reason.NOT_WRITABLE, "gallery " + dir + " cannot be "
                        + "written by user " + System.getProperty("user.name") + ": " + p + " is read-only" + modes
                        + "; enrol and forget as its owner, or give this user write access");
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    public GalleryInfo info() {
        return info;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Checks and normalises a subject name (what every entry point accepts): trimmed, Unicode NFC
     * (the same name typed two ways is one subject), and refused when it holds characters a reader
     * cannot see or that disguise it: control and format characters (zero-width spaces, bidi
     * overrides), line separators, private-use or unassigned code points, and spaces other than
     * U+0020 — "Ann\u200b Lee" must not stand beside "Ann Lee". A name needs a letter or a digit.
     */
    public static String subjectName(String name) {
        String n = java.text.Normalizer.normalize(name == null ? "" : name, java.text.Normalizer.Form.NFC).strip();
        if (n.isEmpty()) {
            throw new GalleryException(GalleryException.Reason.INVALID, "subject name is empty");
        }
        if (n.length() > MAX_NAME_LENGTH) {
            throw new GalleryException(GalleryException.Reason.INVALID, "subject name is longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        boolean visible = false;
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            String problem = switch (Character.getType(c)) {
                case Character.CONTROL -> "control characters";
                case Character.FORMAT -> "invisible formatting characters (e.g. zero-width or direction marks)";
                case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "line separators";
                case Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> "unassigned or private characters";
                case Character.SPACE_SEPARATOR -> c == ' ' ? null : "a space other than the plain space (U+0020)";
                default -> null;
            };
            if (problem != null) {
                throw new GalleryException(GalleryException.Reason.INVALID, String.format(java.util.Locale.ROOT,
                        "subject name contains %s: U+%04X at position %d", problem, c, i));
            }
            visible |= Character.isLetterOrDigit(c);
            i += Character.charCount(c);
        }
        if (!visible) {
            throw new GalleryException(GalleryException.Reason.INVALID, "subject name has no letter or digit");
        }
        return n;
    }

    /** Enrols one face of {@code subject}; durable when it returns. Returns the new face id. */
    public String enroll(String subject, Enrollment face) {
        return enroll(subject, List.of(face)).get(0);
    }

    /**
     * Enrols faces of {@code subject} in one commit (all or none survive a crash); durable when it
     * returns. Returns the new face ids in order.
     */
    public List<String> enroll(String subject, List<Enrollment> faces) {
        String name = subjectName(subject);
        return add(faces.stream().map(f -> Map.entry(name, f)).toList(), "enrolment");
    }

    /**
     * Enrols faces of many subjects (subject → face pairs, in any order) in one commit: all or
     * none survive a crash; durable when it returns. For bulk loads, where a commit per subject
     * would be slow. Every name and vector is checked before anything is added. Returns the new
     * face ids in order.
     */
    public List<String> enrollAll(List<Map.Entry<String, Enrollment>> faces) {
        List<Map.Entry<String, Enrollment>> named = new ArrayList<>(faces.size());
        for (Map.Entry<String, Enrollment> e : faces) {
            named.add(Map.entry(subjectName(e.getKey()), e.getValue()));
        }
        return add(named, "bulk enrolment");
    }

    /** Adds checked-name faces as one block and commits them. */
    private List<String> add(List<Map.Entry<String, Enrollment>> faces, String what) {
        List<Document> docs = new ArrayList<>(faces.size());
        List<String> ids = new ArrayList<>(faces.size());
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Enrollment> e : faces) {
            Enrollment f = e.getValue();
            checkVector(f.vector());
            String id = UUID.randomUUID().toString();
            Document d = new Document();
            d.add(new StringField(SUBJECT, e.getKey(), Field.Store.YES));
            d.add(new StringField(FACE_ID, id, Field.Store.YES));
            d.add(new StoredField(SOURCE, f.source() == null ? "" : f.source()));
            d.add(new StoredField(ENROLLED_AT, now));
            d.add(new StoredField(OCCLUSION, f.occlusion()));
            d.add(new KnnFloatVectorField(VECTOR, f.vector(), VectorSimilarityFunction.COSINE));
            docs.add(d);
            ids.add(id);
        }
        write(what, w -> w.addDocuments(docs));
        return ids;
    }

    /** Removes every face of {@code subject}; returns how many there were (0: unknown subject). */
    public int forget(String subject) {
        String name;
        try {
            name = subjectName(subject);
        } catch (GalleryException e) {
            // a name a stricter check now refuses may still be stored (enrolled by an older version):
            // it must stay erasable under the exact name it was stored as
            String raw = subject == null ? "" : subject.strip();
            if (raw.isEmpty() || count(new TermQuery(new Term(SUBJECT, raw))) == 0) {
                throw e;
            }
            name = raw;
        }
        return delete(new Term(SUBJECT, name));
    }

    /** Removes one face by id; returns whether it was there. */
    public boolean forgetFace(String faceId) {
        return delete(new Term(FACE_ID, faceId)) > 0;
    }

    private synchronized int delete(Term term) {
        int n = count(new TermQuery(term));
        if (n > 0) {
            write("forget", w -> {
                w.deleteDocuments(term);
                // a delete only marks the documents; rewriting their segments takes the bytes out
                w.forceMergeDeletes(true);
            });
        }
        return n;
    }

    /** One change to the index, committed (fsync) before it returns. */
    @FunctionalInterface
    private interface Change {
        void apply(IndexWriter w) throws IOException;
    }

    /**
     * Applies and commits {@code change}. On any failure the writer is rolled back (so nothing of
     * the change is committed by a later write) and dropped; the next write opens a new one.
     */
    private synchronized void write(String what, Change change) {
        IndexWriter w;
        try {
            w = writable();
        } catch (GalleryException e) {
            lastWriteProblem = e.getMessage();
            throw e;
        }
        try {
            change.apply(w);
            w.commit();
        } catch (IOException | RuntimeException e) {
            discardWriter();
            GalleryException failure = failure(what, e);
            lastWriteProblem = failure.getMessage();
            throw failure;
        }
        lastWriteProblem = null;
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " in " + dir + " was committed, but the gallery could not be "
                    + "reread", e);
        }
    }

    private void discardWriter() {
        if (writer != null) {
            try {
                writer.rollback(); // drops what was not committed, closes, releases Lucene's lock
            } catch (IOException | RuntimeException e) {
                // already closed by Lucene after a tragic error: nothing left to roll back
            }
            writer = null;
        }
    }

    private GalleryException failure(String what, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.contains("No space left on device")) {
                return new GalleryException(GalleryException.Reason.STORAGE_FULL, what + " in " + dir
                        + " failed: the disk is full; nothing was written (free space and retry)", e);
            }
        }
        if (e instanceof GalleryException g) {
            return g;
        }
        return new GalleryException(GalleryException.Reason.IO, what + " in " + dir + " failed; nothing was "
                + "written: " + e, e);
    }

    /**
     * Merges the index down to at most {@code maxSegments} segments and commits. A search visits
     * every segment's HNSW graph, so fewer segments search faster; on a large gallery this rewrites
     * the whole index (minutes).
     */
    public void forceMerge(int maxSegments) {
        write("merging", w -> w.forceMerge(maxSegments));
    }

    /** Number of index segments a search visits (each has its own HNSW graph). */
    public int segmentCount() {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    /** Number of enrolled faces. */
    public int faceCount() {
        return count(new MatchAllDocsQuery());
    }

    /** Number of faces of {@code subject} (0: unknown subject). */
    public int faceCount(String subject) {
        return count(new TermQuery(new Term(SUBJECT, subjectName(subject))));
    }

    /** Subjects in name order with their face counts. */
    public List<Subject> subjects() {
        List<Subject> out = new ArrayList<>();
        withSearcher(s -> {
            Terms terms = MultiTerms.getTerms(s.getIndexReader(), SUBJECT);
            if (terms == null) {
                return null;
            }
            TermsEnum it = terms.iterator();
            for (BytesRef t = it.next(); t != null; t = it.next()) {
                String name = t.utf8ToString();
                int n = s.count(new TermQuery(new Term(SUBJECT, name)));
                if (n > 0) { // terms of deleted faces linger until segments merge
                    out.add(new Subject(name, n));
                }
            }
            return null;
        });
        return out;
    }

    /** The faces of {@code subject}, oldest first; empty when unknown. */
    public List<EnrolledFace> faces(String subject) {
        String name = subjectName(subject);
        return withSearcher(s -> {
            int n = s.count(new TermQuery(new Term(SUBJECT, name)));
            if (n == 0) {
                return List.of();
            }
            TopDocs top = s.search(new TermQuery(new Term(SUBJECT, name)), n);
            List<EnrolledFace> faces = new ArrayList<>();
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                faces.add(face(stored.document(sd.doc)));
            }
            faces.sort(java.util.Comparator.comparingLong(EnrolledFace::enrolledAt));
            return faces;
        });
    }

    /**
     * The {@code k} subjects closest to {@code probe}, best first, each scored by its closest
     * face. Searches the HNSW graph for several faces per wanted subject, so a subject with many
     * enrolled faces cannot crowd the others out.
     */
    public List<Match> identify(float[] probe, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        checkVector(probe);
        return withSearcher(s -> {
            int faces = s.count(new MatchAllDocsQuery());
            if (faces == 0) {
                return List.of();
            }
            int candidates = Math.min(faces, Math.max(MIN_CANDIDATES, 10 * k));
            TopDocs top = s.search(new KnnFloatVectorQuery(VECTOR, probe, candidates), candidates);
            Map<String, Match> best = new LinkedHashMap<>();
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : top.scoreDocs) { // score order: the first face of a subject is its best
                Document d = stored.document(sd.doc);
                best.putIfAbsent(d.get(SUBJECT), new Match(d.get(SUBJECT), cosine(sd.score), d.get(FACE_ID)));
                if (best.size() == k) {
                    break;
                }
            }
            return List.copyOf(best.values());
        });
    }

    /**
     * {@code probe} against every face of {@code subject} (exact, not approximate): the closest
     * face and its similarity. {@link GalleryException.Reason#NOT_FOUND} when the subject is unknown.
     */
    public Match verify(float[] probe, String subject) {
        String name = subjectName(subject);
        checkVector(probe);
        return withSearcher(s -> {
            TermQuery filter = new TermQuery(new Term(SUBJECT, name));
            int n = s.count(filter);
            if (n == 0) {
                throw new GalleryException(GalleryException.Reason.NOT_FOUND, "no subject '" + name + "' in the gallery");
            }
            // k = all of the subject's faces: Lucene then scores the filtered faces exactly
            TopDocs top = s.search(new KnnFloatVectorQuery(VECTOR, probe, n, filter), 1);
            ScoreDoc sd = top.scoreDocs[0];
            return new Match(name, cosine(sd.score), s.storedFields().document(sd.doc).get(FACE_ID));
        });
    }

    /** Lucene's cosine score is (1 + cos) / 2. */
    private static double cosine(float score) {
        return 2.0 * score - 1.0;
    }

    private void checkVector(float[] v) {
        if (v == null || v.length != info.dimension()) {
            throw new GalleryException(GalleryException.Reason.INVALID, "embedding has " + (v == null ? 0 : v.length)
                    + " values; this gallery stores " + info.dimension());
        }
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new GalleryException(GalleryException.Reason.INVALID, "embedding has a non-finite value");
            }
        }
    }

    private static EnrolledFace face(Document d) {
        return new EnrolledFace(d.get(FACE_ID), d.get(SUBJECT), d.get(SOURCE),
                d.getField(ENROLLED_AT).numericValue().longValue(), d.getField(OCCLUSION).numericValue().doubleValue());
    }

    private int count(org.apache.lucene.search.Query q) {
        return withSearcher(s -> s.count(q));
    }

    /** The index writer, opened anew when a failed write dropped the last one. Guarded by this. */
    private IndexWriter writable() {
        if (processLock == null) {
            throw new IllegalStateException("gallery " + dir + " is open read-only");
        }
        if (writer != null && !writer.isOpen()) { // closed by Lucene after a tragic error
            discardWriter();
        }
        if (writer == null) {
            try {
                writer = openWriter(dir, directory, indexing);
            } catch (IOException e) {
                throw failure("reopening the index writer", e);
            }
        }
        return writer;
    }

    /**
     * Null when the last write succeeded (or none failed yet), else why it failed — for a health
     * check; never blocks. The next write tries again with a new index writer.
     */
    public String writeProblem() {
        return processLock == null ? "open read-only" : lastWriteProblem;
    }

    @FunctionalInterface
    private interface SearchJob<T> {
        T run(IndexSearcher s) throws IOException;
    }

    private <T> T withSearcher(SearchJob<T> job) {
        try {
            if (processLock == null) {
                searchers.maybeRefresh(); // see what a writer in another process committed
            }
            IndexSearcher s = searchers.acquire();
            try {
                return job.run(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("gallery " + dir + " search failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            if (writer != null) {
                writer.close();
                writer = null;
            }
            directory.close();
            if (processLock != null) {
                processLock.channel().close(); // releases the process lock
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing gallery " + dir + " failed", e);
        }
    }
}
