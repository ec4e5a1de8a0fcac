package org.maskface.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.maskface.api.FaceJson;
import org.maskface.face.NoFaceException;
import org.maskface.gallery.Gallery;
import org.maskface.gallery.Recognizer;
import org.maskface.image.BadImageException;
import org.maskface.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "enroll", mixinStandardHelpOptions = true, description = {
    "Enrol a person: the largest face of each image (or of each image in a folder) joins the gallery as NAME.",
    "Each face is on disk when its line is printed; a bad image is reported and skipped, the others still enrolled.",
    "Exit 0 all enrolled; 2 an image was unreadable (or a bad name); 3 an image had no face."})
final class EnrollCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Who the faces are.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMG", description = "Image files or folders of images.")
    List<Path> images;

    @Mixin
    GalleryOptions gallery;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String subject = Gallery.subjectName(name);
        List<Path> files = expand(images);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        JsonArray enrolled = new JsonArray();
        JsonArray failed = new JsonArray();
        int exit = ExitCode.OK;
        Gallery g = null; // opened (and created) only for the first face there is to enrol
        try (Session s = new Session()) {
            Recognizer recognizer = s.recognizer(gallery.method.name);
            try {
                for (Path file : files) {
                    try {
                        Recognizer.Prepared p = recognizer.prepare(Session.load(file), file.getFileName().toString());
                        if (g == null) {
                            g = gallery.open(recognizer, Gallery.Access.READ_WRITE);
                        }
                        String faceId = g.enroll(subject, p.enrollment());
                        if (json.enabled) {
                            JsonObject o = new JsonObject();
                            o.addProperty("image", file.toString());
                            o.addProperty("faceId", faceId);
                            o.addProperty("masked", p.face().masked());
                            enrolled.add(o);
                        } else {
                            out.printf("enrolled %s from %s (face %s%s)%n", subject, file, faceId,
                                    p.face().masked() ? ", masked" : "");
                        }
                    } catch (BadImageException | NoFaceException ex) {
                        boolean bad = ex instanceof BadImageException;
                        String message = bad ? ex.getMessage() : file + ": " + ex.getMessage(); // bad names its file
                        int code = bad ? ExitCode.BAD_INPUT : ExitCode.NO_FACE;
                        exit = Math.max(exit, code);
                        if (json.enabled) {
                            JsonObject o = new JsonObject();
                            o.addProperty("image", file.toString());
                            o.addProperty("error", message);
                            failed.add(o);
                        }
                        err.println("maskface: " + message + " (skipped)");
                    }
                }
                if (json.enabled) {
                    JsonObject o = new JsonObject();
                    o.addProperty("subject", subject);
                    o.addProperty("gallery", gallery.dir().toString());
                    o.add("enrolled", enrolled);
                    o.add("failed", failed);
                    out.println(FaceJson.pretty(o));
                }
            } finally {
                if (g != null) {
                    g.close();
                }
            }
        }
        return exit;
    }

    /**
     * Folders become the images under them (sorted); anything else stays as given, so a missing or
     * unreadable file is reported in its turn and the others are still enrolled.
     */
    static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            List<Path> under = Files.isDirectory(p) ? ImageFiles.photosUnder(p) : List.of();
            if (under.isEmpty()) {
                files.add(p);
            } else {
                files.addAll(under);
            }
        }
        return files;
    }
}
