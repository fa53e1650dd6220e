package com.example.analytics.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What every command line of the project shares, so a user meets the same behaviour in each: {@code --help} and
 * {@code --version} (from the jar's manifest), help text of one width, and a bad or missing value answered with one
 * line on standard error that names the option, and exit code 2. A failure while the command runs is one line too,
 * with exit code 1.
 *
 * <pre>{@code
 * @Command(name = "tool", description = "What it does.")
 * final class ToolCommand implements Callable<Integer> {
 *     @Spec CommandSpec spec;
 *     @Option(names = "--events", paramLabel = "N", description = "...") long events = 1000;
 *
 *     public Integer call() {
 *         Cli.require(spec, events >= 0, "--events", "must not be negative");
 *         ...
 *         return 0;
 *     }
 *
 *     public static void main(String[] args) {
 *         Cli.run(new ToolCommand(), args);
 *     }
 * }
 * }</pre>
 */
public final class Cli {

    /** Wide enough for this project's option descriptions, narrow enough for a README code block. */
    private static final int HELP_WIDTH = 100;
    /** Room for {@code --bootstrap-servers=H:P} before its description starts. */
    private static final int LONG_OPTIONS_WIDTH = 32;

    private Cli() {
    }

    /** Runs {@code command} as a program's {@code main}: exits the JVM with the command's exit code unless it is 0. */
    public static void run(Object command, String... args) {
        int exitCode = execute(command, args);
        // Not System.exit(0): a command whose work ends in a shutdown hook (the launcher on Ctrl-C) returns while the
        // JVM is already shutting down, and exiting then would block for good.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Parses {@code args} into {@code command} and runs it; the exit code a program would end with. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** The command line for {@code command}, with the shared options, help layout and error handling. */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        CommandSpec spec = commandLine.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        spec.versionProvider(new ManifestVersion(spec));
        spec.usageMessage().width(HELP_WIDTH).longOptionsMaxWidth(LONG_OPTIONS_WIDTH).sortOptions(false);
        commandLine.setParameterExceptionHandler((error, args) -> {
            error.getCommandLine().getErr().println(oneLine(spec, error.getMessage() + " (" + hint(error) + ")"));
            return spec.exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((error, failed, parsed) -> {
            failed.getErr().println(oneLine(spec, describe(error)));
            return spec.exitCodeOnExecutionException();
        });
        return commandLine;
    }

    /** The help text as {@code --help} prints it without colours: what the README shows. */
    public static String usage(Object command) {
        return commandLine(command).getUsageMessage(Ansi.OFF);
    }

    /**
     * Checks a value picocli cannot check by its type alone (a range, a combination of options). Thrown from the
     * command, the exception is answered like a value picocli rejected itself, quoting the value as it was typed.
     *
     * @param rule what the value must be, e.g. {@code "must be a positive number"}
     */
    public static void require(CommandSpec spec, boolean valid, String option, String rule) {
        if (!valid) {
            List<String> typed = spec.findOption(option).originalStringValues();
            String value = typed.isEmpty() ? "the default" : "'" + typed.get(typed.size() - 1) + "'";
            throw new ParameterException(spec.commandLine(),
                    String.format(Locale.ROOT, "Invalid value for option '%s': %s %s", option, value, rule));
        }
    }

    /** The option a typo probably meant (picocli's suggestions), else where to look. */
    private static String hint(ParameterException error) {
        List<String> suggestions = error instanceof UnmatchedArgumentException unmatched
                ? unmatched.getSuggestions() : List.of();
        return suggestions.isEmpty() ? "see --help" : "did you mean " + String.join(" or ", suggestions) + "?";
    }

    private static String oneLine(CommandSpec spec, String message) {
        return spec.name() + ": " + message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** The message and, when it adds something, the root cause's: the stack trace is for developers, not users. */
    private static String describe(Throwable error) {
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message;
    }
}
