package com.example.analytics.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The README shows each command's {@code --help} in the fenced block right after a line
 * {@code <!-- NAME --help -->} (invisible once rendered). A test compares that block with {@link Cli#usage}, so a
 * changed option cannot leave the README behind:
 *
 * <pre>{@code
 * assertThat(HelpInReadme.of("launcher")).isEqualTo(Cli.usage(new LauncherCommand()));
 * }</pre>
 */
public final class HelpInReadme {

    private HelpInReadme() {
    }

    /** The block's text, each line ending in a line break as picocli's help does. */
    public static String of(String command) {
        // Tests run in their module's directory, and every module is a directory of the repository root.
        Path readme = Path.of("").toAbsolutePath().resolveSibling("README.md");
        List<String> lines = lines(readme);
        String marker = "<!-- " + command + " --help -->";
        int start = lines.indexOf(marker);
        if (start < 0 || start + 1 >= lines.size() || !lines.get(start + 1).startsWith("```")) {
            throw new IllegalStateException(readme + " has no line '" + marker + "' followed by a fenced block");
        }
        StringBuilder block = new StringBuilder();
        for (int i = start + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            block.append(lines.get(i)).append(System.lineSeparator());
        }
        return block.toString();
    }

    private static List<String> lines(Path readme) {
        try {
            return Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
