package org.maskface.cli;

import java.util.Iterator;
import org.maskface.face.embed.Methods;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --method}, shared by every command that embeds faces; checked while parsing, before any model loads. */
final class MethodOption {
    @Option(names = "--method", paramLabel = "M", defaultValue = Methods.DEFAULT, converter = Known.class,
            completionCandidates = Names.class,
            description = "Recognition method: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String name;

    /** The registered method names, for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Methods.names().iterator();
        }
    }

    /** Accepts a registered method name; anything else is a usage error (exit 2) naming the valid ones. */
    static final class Known implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Methods.names().contains(value)) {
                throw new TypeConversionException("unknown method '" + value + "'; use one of "
                        + String.join(", ", Methods.names()));
            }
            return value;
        }
    }
}
