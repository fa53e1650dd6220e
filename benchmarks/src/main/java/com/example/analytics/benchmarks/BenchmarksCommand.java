package com.example.analytics.benchmarks;

import com.example.analytics.benchmarks.Benchmarks.Options;
import com.example.analytics.cli.Cli;
import com.example.analytics.support.streams.StateStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code Benchmarks --help}: the options of a benchmark run, checked, and the run they ask for. */
@Command(name = "Benchmarks",
        customSynopsis = "java -cp CLASSPATH com.example.analytics.benchmarks.Benchmarks [OPTIONS]",
        description = "Pre-fills the input topics with generated traffic of each shape (all scenarios, 1%% bad "
                + "records), then has every candidate catch up on it from offset 0: baselines B0 to B2, each service "
                + "alone, the four together, the four as processes. Progress on standard error, results on standard "
                + "output.")
final class BenchmarksCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nTraffic%n", order = 1)
    private Traffic traffic = new Traffic();

    @ArgGroup(validate = false, heading = "%nCandidates%n", order = 2)
    private Candidates candidates = new Candidates();

    @ArgGroup(validate = false, heading = "%nInstead of the catch-up runs%n", order = 3)
    private Modes modes = new Modes();

    private static final class Traffic {
        @Option(names = "--shape", paramLabel = "LIST", hideParamSyntax = true, split = ",", converter = ShapeName.class,
                completionCandidates = ShapeName.class, defaultValue = "dense,sparse", order = 1,
                description = "traffic shapes, comma-separated, each on a broker of its own against baselines of "
                        + "its own (default ${DEFAULT-VALUE})")
        List<TrafficShape> shapes;

        @Option(names = "--events", paramLabel = "N", defaultValue = "0", order = 2,
                description = "events of each shape (default 0: the shape's own, 2M dense and 1M sparse; 1M with "
                        + "--launcher)")
        long events;

        @Option(names = "--users", paramLabel = "N", defaultValue = "100000", order = 3,
                description = "generated user population (default ${DEFAULT-VALUE})")
        int users;

        @Option(names = "--bootstrap-servers", paramLabel = "H:P", order = 4,
                description = "run on this Kafka instead of a broker in this JVM: only the first shape, and the "
                        + "input topics must exist and hold nothing else")
        String bootstrapServers;
    }

    private static final class Candidates {
        @Option(names = "--rounds", paramLabel = "N", defaultValue = "2", order = 1,
                description = "times every candidate runs (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--only", paramLabel = "WORDS", hideParamSyntax = true, split = ",", order = 2,
                description = "only the candidates whose name contains one of the words, comma-separated ('four': "
                        + "the four together and as processes; 'processes': those alone); the baselines always "
                        + "run")
        List<String> only;

        @Option(names = "--state-stores", paramLabel = "LIST", hideParamSyntax = true, split = ",", converter = StoreKind.class,
                completionCandidates = StoreKind.class, order = 3,
                description = "each service, and the four together, once per kind of state store, comma-separated: "
                        + "${COMPLETION-CANDIDATES} (default: each service with the kind it is deployed with)")
        List<StateStores> stateStores;

        @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "30", order = 4,
                description = "after the four caught up together, latency for S seconds at each load level "
                        + "(default ${DEFAULT-VALUE}; 0 skips it)")
        long latencySeconds;
    }

    private static final class Modes {
        @Option(names = "--growth", order = 1,
                description = "B0, B1, B2 and the four processes on a fresh broker for each of 1M, 2M and 4M dense "
                        + "events, 10k and 1M users, and 1M sparse events: how the cost per event moves")
        boolean growth;

        @Option(names = "--launcher", order = 2,
                description = "the launcher jar started as the README says, timed from the start of a pre-fill of "
                        + "each shape until every service has committed to the end of its inputs")
        boolean launcher;

        @Option(names = "--launcher-jar", paramLabel = "JAR", defaultValue = "launcher/target/launcher.jar",
                order = 3, description = "the launcher jar --launcher starts (default ${DEFAULT-VALUE})")
        Path launcherJar;

        @Option(names = "--heap", order = 4,
                description = "every one of --users with state (two events each), the four as processes: heap after "
                        + "GC and the restore of a restarted instance at that many users")
        boolean heap;
    }

    @Override
    public Integer call() throws Exception {
        Benchmarks.run(options());
        return 0;
    }

    /** The parsed options, once their values and combinations are checked. */
    Options options() {
        Cli.require(spec, traffic.events >= 0, "--events", "must be 0 (each shape's own count) or more");
        Cli.require(spec, traffic.users >= 1, "--users", "must be 1 or more");
        Cli.require(spec, candidates.rounds >= 1, "--rounds", "must be 1 or more");
        Cli.require(spec, candidates.latencySeconds >= 0, "--latency-seconds", "must be 0 (no latency) or more");
        Cli.require(spec, !(modes.growth && traffic.bootstrapServers != null), "--bootstrap-servers",
                "cannot be combined with --growth, which starts a fresh broker for every size");
        Cli.require(spec, !(modes.launcher && traffic.bootstrapServers != null), "--bootstrap-servers",
                "cannot be combined with --launcher, which starts its own broker");
        if ((modes.growth ? 1 : 0) + (modes.launcher ? 1 : 0) + (modes.heap ? 1 : 0) > 1) {
            // Two flags: no value of one to quote, as Cli.require would.
            throw new ParameterException(spec.commandLine(), "--growth, --launcher and --heap are different runs; "
                    + "give one of them");
        }
        Cli.require(spec, !modes.launcher || Files.isRegularFile(modes.launcherJar), "--launcher-jar",
                "is not there: build it first with ./mvnw -q -DskipTests package");
        List<String> words = candidates.only == null ? List.of() : List.copyOf(candidates.only);
        return new Options(traffic.events, traffic.users, candidates.rounds,
                name -> words.isEmpty() || words.stream().anyMatch(name::contains),
                Duration.ofSeconds(candidates.latencySeconds), traffic.bootstrapServers, modes.growth,
                candidates.stateStores == null ? List.of() : List.copyOf(candidates.stateStores),
                List.copyOf(traffic.shapes), modes.launcher, modes.launcherJar, modes.heap);
    }

    /** A {@code --shape} name; also the names {@code --help} lists. */
    static final class ShapeName extends ByName<TrafficShape> {
        ShapeName() {
            super("shape", TrafficShape.values(), TrafficShape::optionValue);
        }
    }

    /** A {@code --state-stores} kind, spelled as the services' property spells it. */
    static final class StoreKind extends ByName<StateStores> {
        StoreKind() {
            super("kind of state store", StateStores.values(), StateStores::propertyValue);
        }
    }

    /** One of a fixed set of values by its name; an unknown name is refused with the names there are. */
    private abstract static class ByName<T> implements ITypeConverter<T>, Iterable<String> {
        private final String what;
        private final List<T> values;
        private final Function<T, String> name;

        ByName(String what, T[] values, Function<T, String> name) {
            this.what = what;
            this.values = List.of(values);
            this.name = name;
        }

        @Override
        public T convert(String text) {
            String wanted = text.trim();
            return values.stream().filter(value -> name.apply(value).equals(wanted)).findFirst()
                    .orElseThrow(() -> new TypeConversionException(
                            "unknown " + what + " '" + wanted + "' (" + String.join(" or ", this) + ")"));
        }

        @Override
        public Iterator<String> iterator() {
            return values.stream().map(name).iterator();
        }
    }
}
