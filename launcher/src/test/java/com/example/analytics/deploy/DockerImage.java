package com.example.analytics.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Dockerfile's final stage promises the deployments: its user and its environment (the state directory
 * the volumes must be mounted at). Only the instruction forms the Dockerfile uses are read.
 */
record DockerImage(String base, long uid, long gid, Map<String, String> environment) {

    private static final Pattern ENV = Pattern.compile("^ENV\\s+([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)\\s*$");
    private static final Pattern USER = Pattern.compile("^USER\\s+(\\d+):(\\d+)\\s*$");

    static DockerImage read() {
        List<String> lines = RepositoryFiles.text("Dockerfile").lines().toList();
        int finalStage = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                finalStage = i;
            }
        }
        String base = lines.get(finalStage).substring("FROM ".length()).trim();
        Map<String, String> environment = new LinkedHashMap<>();
        long uid = -1;
        long gid = -1;
        for (String line : lines.subList(finalStage, lines.size())) {
            Matcher env = ENV.matcher(line);
            if (env.matches()) {
                environment.put(env.group(1), env.group(2).replace("\"", ""));
            }
            Matcher user = USER.matcher(line);
            if (user.matches()) {
                uid = Long.parseLong(user.group(1));
                gid = Long.parseLong(user.group(2));
            }
        }
        if (uid < 0) {
            throw new IllegalStateException("the final stage has no numeric USER uid:gid");
        }
        return new DockerImage(base, uid, gid, Map.copyOf(environment));
    }

    /** The modules the build stage packages: its Maven '-pl' list. */
    static List<String> builtModules() {
        Matcher modules = Pattern.compile("-pl\\s+([\\w,-]+)").matcher(RepositoryFiles.text("Dockerfile"));
        if (!modules.find()) {
            throw new IllegalStateException("the Dockerfile's build stage names no modules with -pl");
        }
        return List.of(modules.group(1).split(","));
    }

    /** The share of the container's memory the JVM takes for its heap, in percent (-XX:MaxRAMPercentage). */
    double maxRamPercentage() {
        Matcher option = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)")
                .matcher(environment.getOrDefault("JDK_JAVA_OPTIONS", ""));
        if (!option.find()) {
            throw new IllegalStateException("the image does not size the heap with -XX:MaxRAMPercentage");
        }
        return Double.parseDouble(option.group(1));
    }

    String stateDirectory() {
        String dir = environment.get("ANALYTICS_STREAMS_STATEDIR");
        if (dir == null) {
            throw new IllegalStateException("the image does not set ANALYTICS_STREAMS_STATEDIR");
        }
        return dir;
    }
}
