package com.example.analytics.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --version}: the {@code Implementation-Version} Maven writes into the manifest of the jar the command's class
 * was loaded from (the project version), and the Java runtime it runs on. Read from the command's own jar, so a
 * command in a Spring Boot jar that nests other modules' jars still reports its own.
 */
final class ManifestVersion implements IVersionProvider {

    static final String UNKNOWN = "(version unknown: not loaded from a jar with an Implementation-Version)";

    private final CommandSpec spec;

    ManifestVersion(CommandSpec spec) {
        this.spec = spec;
    }

    @Override
    public String[] getVersion() {
        String version = spec.userObject().getClass().getPackage().getImplementationVersion();
        return new String[] {
                spec.name() + " " + (version != null ? version : UNKNOWN),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
