package org.maskface.model;

/**
 * Identity of a shipped model: every file that stores outputs of a model (embeddings in a
 * gallery, reports) records {@code id} and {@code version}, so that a later model change is
 * detected instead of silently comparing incompatible vectors.
 */
public record ModelCard(String id, String version, String manifest, String description) {

    public static final ModelCard FACE_DETECTOR = new ModelCard("faceapi-ssd-mobilenetv1", "1.7.15",
            "face-api/ssd_mobilenetv1_model-weights_manifest.json",
            "SSD MobileNetV1 face detector, 512x512 input (face-api 1.7.15, MIT)");
    public static final ModelCard LANDMARKS_68 = new ModelCard("faceapi-landmark68", "1.7.15",
            "face-api/face_landmark_68_model-weights_manifest.json",
            "68-point face landmarks, 112x112 input (face-api 1.7.15, MIT)");
    public static final ModelCard DLIB_RESNET = new ModelCard("faceapi-dlib-resnet128", "1.7.15",
            "face-api/face_recognition_model-weights_manifest.json",
            "dlib ResNet face descriptor, 150x150 input, 128-d (face-api 1.7.15 port, MIT)");

    public static final ModelCard OCCLUSION_UNET = new ModelCard("maskface-occlusion-unet", "1",
            "maskface/occlusion-unet.json",
            "occlusion map of an aligned 112x112 face, U-Net trained by maskface on synthetic masks over LFW folds 1-5");

    public static final ModelCard LANDMARK_REFINER = new ModelCard("maskface-landmark-refiner", "1",
            "maskface/landmark-refiner.json",
            "68 landmarks of an aligned 112x112 masked face: face-api's landmark net finetuned by maskface on "
                    + "synthetic masks over LFW folds 1-5 (targets: the clean face's landmarks)");

    public static final ModelCard INPAINTER = new ModelCard("maskface-inpainter", "1",
            "maskface/inpainter.json",
            "de-occlusion inpainter (coarse-to-fine gated convolutions with contextual attention) for aligned masked "
                    + "faces, GAN-trained by maskface on synthetic masks over LFW folds 1-5");

    public static final ModelCard DEOCC_STUDENT = new ModelCard("maskface-deocc-student", "1",
            "maskface/deocc-student.json",
            "de-occlusion distillation student: dlib ResNet-29 initialised from the teacher, distilled by maskface on "
                    + "inpainted synthetic-masked faces of LFW folds 1-5 (input: completed aligned 112 crop scaled to 150)");

    public static final ModelCard G2D = new ModelCard("maskface-g2d", "1",
            "maskface/g2d.json",
            "G2D recognizer: generative encoder (from maskface's inpainter, finetuned by pixel reconstruction), "
                    + "discriminative reformer (relation-distilled from the teacher) and FC classifier, trained by "
                    + "maskface on synthetic-masked faces of LFW folds 1-5 (input: aligned 112 crop scaled to the "
                    + "inpainter's side, with its occlusion map)");

    public static final ModelCard MEER = new ModelCard("maskface-meer", "1",
            "maskface/meer.json",
            "MEER recognizer: dlib ResNet-29 from the teacher with a mask decoupling head (predicted occlusion map "
                    + "gating the early features) and an unmasked-face decoder, trained jointly by maskface on "
                    + "synthetic-masked faces of LFW folds 1-5 (input: aligned 112 crop scaled to 150)");

    /** {@code id@version}, the string stored beside embeddings. */
    public String tag() {
        return id + "@" + version;
    }
}
