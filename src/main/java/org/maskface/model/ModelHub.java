package org.maskface.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.translate.Translator;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.maskface.nn.DlibResNet;
import org.maskface.nn.Landmark68Net;
import org.maskface.nn.OcclusionNet;
import org.maskface.nn.SsdMobileNetV1;
import org.maskface.nn.TfjsLoadable;
import org.maskface.nn.TfjsWeights;
import org.maskface.nn.WeightsFile;

/**
 * The one place models are loaded. Finds the model directory, reads each model's weights once
 * per process, and hands out predictors (not thread-safe: one per thread). Close it to free the
 * native memory.
 */
public final class ModelHub implements AutoCloseable {

    /** System property / environment variable naming the directory that holds {@code face-api/}. */
    public static final String MODELS_PROPERTY = "maskface.models";
    public static final String MODELS_ENV = "MASKFACE_MODELS";

    private final Path modelsDir;
    private final Map<String, Model> models = new ConcurrentHashMap<>();
    private final Map<String, TfjsWeights> weights = new ConcurrentHashMap<>();
    private final Map<String, Path> ownWeights = new ConcurrentHashMap<>();

    public ModelHub(Path modelsDir) {
        this.modelsDir = modelsDir;
    }

    /**
     * Uses the maskface weights file {@code json} instead of the shipped one of the same model
     * (the file says which model it is): e.g. a student from an ablation run, for evaluation.
     * Call before the model is first used.
     */
    public ModelHub useWeights(Path json) throws IOException {
        JsonObject header = WeightsFile.header(json);
        String id = header.getAsJsonObject("model").get("id").getAsString();
        if (models.containsKey(id)) {
            throw new IllegalStateException("model " + id + " is already loaded");
        }
        ownWeights.put(id, json);
        return this;
    }

    /** A hub over {@link #defaultModelsDir()}. */
    public static ModelHub openDefault() {
        return new ModelHub(defaultModelsDir());
    }

    /**
     * {@code -Dmaskface.models}, else {@code $MASKFACE_MODELS}, else {@code ./models}, else the
     * {@code models/} folder beside the directory holding the maskface jar (the launcher layout).
     */
    public static Path defaultModelsDir() {
        String configured = System.getProperty(MODELS_PROPERTY, System.getenv(MODELS_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path local = Path.of("models");
        if (Files.isDirectory(local)) {
            return local;
        }
        try {
            Path jar = Path.of(ModelHub.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().getParent().resolve("models");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        } catch (Exception ignored) {
            // fall through to the plain relative path, which gives a clear "not found" later
        }
        return local;
    }

    public Path modelsDir() {
        return modelsDir;
    }

    public TfjsWeights weights(ModelCard card) {
        return weights.computeIfAbsent(card.id(), k -> {
            Path manifest = modelsDir.resolve(card.manifest());
            try {
                return TfjsWeights.load(manifest);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load model " + card.tag() + " from " + manifest
                        + " (set -D" + MODELS_PROPERTY + " or $" + MODELS_ENV + " to the models directory)", e);
            }
        });
    }

    public Model faceDetector() {
        return model(ModelCard.FACE_DETECTOR, SsdMobileNetV1::new);
    }

    public Model landmarks68() {
        return model(ModelCard.LANDMARKS_68, Landmark68Net::new);
    }

    public Model dlibResNet() {
        return model(ModelCard.DLIB_RESNET, DlibResNet::new);
    }

    /** The occlusion-map U-Net, from maskface's own weights format ({@link WeightsFile}). */
    public Model occlusionNet() {
        return ownModel(ModelCard.OCCLUSION_UNET, (details, manager) -> {
            OcclusionNet net = new OcclusionNet(details.get("width").getAsInt());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, OcclusionNet.INPUT_SIZE, OcclusionNet.INPUT_SIZE));
            return net;
        });
    }

    /**
     * The de-occlusion inpainter ({@link org.maskface.nn.InpaintingGenerator}), maskface's own
     * weights format; its details give the width, attention scale and the face side it works at.
     */
    public Model inpainter() {
        return ownModel(ModelCard.INPAINTER, (details, manager) -> {
            int size = details.get("size").getAsInt();
            var net = new org.maskface.nn.InpaintingGenerator(details.get("width").getAsInt(),
                    details.get("attentionScale").getAsDouble());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size), new Shape(1, 1, size, size));
            return net;
        });
    }

    /**
     * The de-occlusion distillation student (a {@link DlibResNet} trained by maskface); its details
     * carry the method's verification threshold.
     */
    public Model deoccStudent() {
        return ownModel(ModelCard.DEOCC_STUDENT, (details, manager) -> teacherNet(manager));
    }

    /**
     * A new, trainable {@link DlibResNet} holding the teacher's weights in {@code manager}: the
     * de-occlusion student's starting point, and the shapes its own weights load into.
     */
    public DlibResNet teacherNet(NDManager manager) {
        DlibResNet net = new DlibResNet();
        net.loadTfjs(weights(ModelCard.DLIB_RESNET), manager);
        return net;
    }

    /**
     * The G2D recognizer ({@link org.maskface.nn.G2dNet}); its details give the shapes, the side
     * it works at, the verification threshold and the classifier's identities.
     */
    public Model g2d() {
        return ownModel(ModelCard.G2D, (details, manager) -> {
            int size = details.get("size").getAsInt();
            var net = new org.maskface.nn.G2dNet(new org.maskface.nn.GenerativeEncoder(details.get("encoderWidth").getAsInt()),
                    new org.maskface.nn.Reformer(details.get("reformerWidth").getAsInt(),
                            details.get("reformerBlocks").getAsInt(),
                            org.maskface.nn.Reformer.Pooling.valueOf(details.get("reformerPooling").getAsString()),
                            details.get("embedding").getAsInt()),
                    details.get("classes").getAsInt());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size), new Shape(1, 1, size, size));
            return net;
        });
    }

    /**
     * The MEER recognizer ({@link org.maskface.nn.MeerNet}); its details say which parts it has,
     * their widths and the verification threshold.
     */
    public Model meer() {
        return ownModel(ModelCard.MEER, (details, manager) -> {
            var net = new org.maskface.nn.MeerNet(teacherNet(manager), details.get("decoupling").getAsBoolean(),
                    details.get("synthesis").getAsBoolean(), details.get("maskWidth").getAsInt(),
                    details.get("decoderWidth").getAsInt());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, DlibResNet.INPUT_SIZE, DlibResNet.INPUT_SIZE));
            return net;
        });
    }

    /** The masked-face landmark refiner (a finetuned {@link Landmark68Net}), maskface's own weights format. */
    public Model landmarkRefiner() {
        // face-api's weights give every tensor its shape; the refiner's own values then replace them.
        return ownModel(ModelCard.LANDMARK_REFINER, (details, manager) -> faceApiLandmarkNet(manager));
    }

    /**
     * A new, trainable {@link Landmark68Net} holding face-api's weights in {@code manager}: the
     * refiner's starting point, for training and for giving its loaded tensors their shapes.
     */
    public Landmark68Net faceApiLandmarkNet(NDManager manager) {
        Landmark68Net net = new Landmark68Net();
        net.loadTfjs(weights(ModelCard.LANDMARKS_68), manager);
        return net;
    }

    /**
     * A model maskface trained, from a {@link WeightsFile}: {@code factory} builds the block from
     * the file's details with every parameter allocated, then the file's values are loaded.
     */
    private Model ownModel(ModelCard card, BiFunction<JsonObject, NDManager, Block> factory) {
        return models.computeIfAbsent(card.id(), k -> {
            Path json = ownWeights.getOrDefault(card.id(), modelsDir.resolve(card.manifest()));
            Model model = Model.newInstance(card.id(), "PyTorch");
            try {
                JsonObject details = WeightsFile.header(json).getAsJsonObject("details");
                Block block = factory.apply(details, model.getNDManager());
                WeightsFile.load(block, card, json);
                block.freezeParameters(true);
                model.setBlock(block);
                // the settings users of the model need (e.g. the side the inpainter works at, a threshold)
                details.entrySet().stream().filter(e -> e.getValue().isJsonPrimitive())
                        .forEach(e -> model.setProperty(e.getKey(), e.getValue().getAsString()));
            } catch (IOException | RuntimeException e) {
                model.close();
                throw new UncheckedIOException("cannot load model " + card.tag() + " from " + json
                        + " (set -D" + MODELS_PROPERTY + " or $" + MODELS_ENV + " to the models directory)",
                        e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            }
            model.setProperty("version", card.version());
            return model;
        });
    }

    private <B extends Block & TfjsLoadable> Model model(ModelCard card, Supplier<B> factory) {
        return models.computeIfAbsent(card.id(), k -> {
            TfjsWeights w = weights(card);
            Model model = Model.newInstance(card.id(), "PyTorch");
            B block = factory.get();
            block.loadTfjs(w, model.getNDManager());
            block.freezeParameters(true);
            model.setBlock(block);
            model.setProperty("version", card.version());
            return model;
        });
    }

    public static <I, O> Predictor<I, O> predictor(Model model, Translator<I, O> translator) {
        return model.newPredictor(translator);
    }

    @Override
    public void close() {
        models.values().forEach(Model::close);
        models.clear();
    }
}
