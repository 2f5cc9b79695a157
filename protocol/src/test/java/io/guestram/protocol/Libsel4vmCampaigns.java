package io.guestram.protocol;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.action.Weights;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaigns against examples/libsel4vm on configurations `conform` cannot select yet (it runs the
 * default one): {@code java ... Libsel4vmCampaigns ADAPTER PROFILE SEED RUNS ACTIONS [WEIGHTS [CONFIG]]}. Prints one
 * summary per configuration. A tool for the harness's report (docs/libsel4vm.md), not a test.
 */
public final class Libsel4vmCampaigns {

    private Libsel4vmCampaigns() {}

    static Map<String, Config> configurations(Profile profile) {
        Map<String, Config> configs = new LinkedHashMap<>();
        configs.put("no windows (camkes-vm ARM)", new Config(profile, U64.MAX, 0x1000, List.of()));
        configs.put("camkes-vm x86 window", new Config(profile, U64.MAX, 0x1000,
                List.of(new Window(0x10003000L, 0x9fffffffL))));
        configs.put("several windows", new Config(profile, U64.MAX, 0x1000,
                List.of(new Window(0x100000L, 0x1fffffL), new Window(0x40000000L, 0x7fffffffL))));
        configs.put("unaligned windows", new Config(profile, U64.MAX, 0x1000,
                List.of(new Window(0x10800L, 0x137ffL), new Window(0x20001L, 0x2ffffL))));
        configs.put("top of space", new Config(profile, U64.MAX, 0x1000, List.of(new Window(-0x10000L, U64.MAX))));
        return configs;
    }

    public static void main(String[] args) {
        String adapter = args[0];
        Profile profile = Profile.parse(args[1]);
        long seed = Long.parseLong(args[2]);
        int runs = Integer.parseInt(args[3]);
        int actions = Integer.parseInt(args[4]);
        Weights weights = args.length > 5 ? Weights.parse(args[5]) : Weights.defaults();
        for (Map.Entry<String, Config> c : configurations(profile).entrySet()) {
            if (args.length > 6 && !c.getKey().startsWith(args[6])) {
                continue;
            }
            long started = System.nanoTime();
            ConformanceResult result = Campaign.of(c.getValue(),
                            config -> new ExternalGuestRam(List.of(adapter), config, Duration.ofSeconds(60)))
                    .named("libsel4vm " + c.getKey()).seed(seed).runs(runs).actions(actions).confirmations(2).weights(weights).run();
            System.out.printf("=== %s: %.0f s wall%n%s%n", c.getKey(), (System.nanoTime() - started) / 1e9, result.summary());
        }
    }
}
