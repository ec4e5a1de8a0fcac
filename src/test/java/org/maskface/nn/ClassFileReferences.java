package org.maskface.nn;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods a compiled class refers to, read from its constant pool (JVMS §4.4): every
 * Methodref and InterfaceMethodref as owner, name and descriptor. Enough to prove a class never
 * calls a given overload, without a bytecode library.
 */
final class ClassFileReferences {

    /** One referenced method, e.g. {@code ai/djl/ndarray/NDArray.mul(Ljava/lang/Number;)...}. */
    record MethodRef(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    private ClassFileReferences() {
    }

    static List<MethodRef> methods(Path classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(classFile)));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException(classFile + " is not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count]; // Class: name; NameAndType: name; *ref: class
        int[] second = new int[count]; // NameAndType: descriptor; *ref: name-and-type
        int[] tag = new int[count];
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            switch (tag[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException(classFile + ": unknown constant pool tag " + tag[i] + " at " + i);
            }
        }
        List<MethodRef> refs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tag[i] == 10 || tag[i] == 11) {
                String owner = utf8[first[first[i]]];
                int nameAndType = second[i];
                refs.add(new MethodRef(owner, utf8[first[nameAndType]], utf8[second[nameAndType]]));
            }
        }
        return refs;
    }
}
