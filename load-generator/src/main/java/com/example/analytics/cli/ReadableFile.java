package com.example.analytics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A file option that must name a readable file ({@code converter = ReadableFile.class}): a typo is answered while
 * parsing, naming the option, rather than by a failure once the work has started.
 */
public final class ReadableFile implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        Path file = Path.of(value);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TypeConversionException("no readable file '" + value + "'");
        }
        return file;
    }
}
