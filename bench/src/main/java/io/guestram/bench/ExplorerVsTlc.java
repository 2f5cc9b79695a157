package io.guestram.bench;

import io.guestram.Profile;
import io.guestram.explorer.ConfigException;
import io.guestram.explorer.Exploration;
import io.guestram.explorer.Explorer;
import io.guestram.explorer.ModelConfig;
import io.guestram.explorer.Tlc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Distinct states per second of the explorer and of TLC on the same model configuration, in the
 * same run: the explorer single-threaded in this JVM, TLC in its own JVM with {@code -workers
 * auto}, each timed from start to finish once (TLC's time includes its JVM start and parsing).
 */
final class ExplorerVsTlc {

    record Result(String config, Exploration explorer, Tlc.Result tlc, String tlcNote) {

        double explorerStatesPerSecond() {
            return explorer.distinctStates() / explorer.seconds();
        }

        double tlcStatesPerSecond() {
            return tlc == null ? Double.NaN : tlc.distinctStates() / tlc.seconds();
        }

        double speedup() {
            return explorerStatesPerSecond() / tlcStatesPerSecond();
        }

        /** TLC passed and found as many distinct states, and generated as many, as the explorer. */
        boolean countsEqual() {
            return tlc != null && tlc.passed() && tlc.distinctStates() == explorer.distinctStates()
                    && tlc.statesGenerated() == explorer.statesGenerated();
        }

        /** Depth is reported apart: it is not a count of states, and the two may define it differently. */
        boolean depthsEqual() {
            return tlc != null && tlc.depth() == explorer.depth();
        }

        String toJson() {
            String t = tlc == null ? "null" : String.format(Locale.ROOT,
                    "{\"distinctStates\": %d, \"statesGenerated\": %d, \"depth\": %d, \"seconds\": %.3f, "
                            + "\"statesPerSecond\": %.1f, \"tlcVersion\": \"%s\", \"passed\": %s}",
                    tlc.distinctStates(), tlc.statesGenerated(), tlc.depth(), tlc.seconds(), tlcStatesPerSecond(),
                    tlc.version(), tlc.passed());
            return String.format(Locale.ROOT,
                    "{\"config\": \"%s\", \"explorer\": {\"distinctStates\": %d, \"statesGenerated\": %d, \"depth\": %d, "
                            + "\"seconds\": %.3f, \"statesPerSecond\": %.1f, \"passed\": %s}, \"tlc\": %s, "
                            + "\"countsEqual\": %s, \"depthsEqual\": %s, \"speedup\": %s, \"note\": \"%s\"}",
                    config, explorer.distinctStates(), explorer.statesGenerated(), explorer.depth(), explorer.seconds(),
                    explorerStatesPerSecond(), explorer.holds(), t, tlc == null ? "null" : countsEqual(),
                    tlc == null ? "null" : depthsEqual(),
                    tlc == null ? "null" : String.format(Locale.ROOT, "%.2f", speedup()), Report.escape(tlcNote));
        }
    }

    private ExplorerVsTlc() {}

    /**
     * The configurations of profile spec (their MC module extends GuestRam, not GuestRamSel4: the
     * ones SpecAgreementTest proves the explorer agrees with TLC on), smallest first: by Limit,
     * then the number of windows (more windows, more ways to register), then smaller pages (more
     * chunks).
     */
    static List<Path> explorable(Path specDir) throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.list(specDir)) {
            all = files.filter(f -> f.getFileName().toString().matches("MC_.*\\.cfg")).toList();
        }
        List<ModelConfig> configs = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Path p : all) {
            try {
                ModelConfig c = ModelConfig.read(p);
                if (c.config().profile() != Profile.SPEC) {
                    continue;
                }
                new Explorer(c);
                configs.add(c);
                paths.add(p);
            } catch (ConfigException e) {
                // A configuration the explorer cannot check: skip.
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> configs.get(i).config().lastAddress())
                .thenComparingInt(i -> configs.get(i).config().windows().size())
                .thenComparingLong(i -> -configs.get(i).config().pageSize())
                .thenComparing(i -> paths.get(i).getFileName().toString()));
        return order.stream().map(paths::get).toList();
    }

    static Result run(Path specDir, Path cfg) throws IOException, InterruptedException {
        String name = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        Exploration exploration = new Explorer(ModelConfig.read(cfg)).run();
        Optional<Tlc> tlc = Tlc.fromEnvironment();
        if (tlc.isEmpty()) {
            return new Result(name, exploration, null, Tlc.skipNotice());
        }
        Tlc.Result result = tlc.get().check(specDir, name, Optional.empty());
        return new Result(name, exploration, result, "TLC " + result.version() + ", -workers auto");
    }
}
