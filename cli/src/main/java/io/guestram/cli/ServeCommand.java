package io.guestram.cli;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.impl.OptimizedGuestRam;
import io.guestram.model.Models;
import io.guestram.protocol.ProtocolServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve",
        header = "Speak the driver protocol on stdin/stdout (docs/protocol.md).",
        description = "Serves an implementation over the driver protocol, so that another guestram (or any "
                + "driver) can check it, or so that guestram's model can stand in for an implementation. The "
                + "session's handshake sets the address limit, page size and windows; the semantics are the "
                + "implementation's own: the optimized implementation always follows profile spec, the model "
                + "follows --profile (default: the handshake's).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--impl", paramLabel = "optimized|model", defaultValue = "optimized",
            description = "What to serve (default: ${DEFAULT-VALUE}).")
    String impl;

    @Option(names = "--profile", paramLabel = "spec|sel4", description = "The model's profile (default: the handshake's).")
    Profile profile;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Profile forced = profile;
        ProtocolServer server = switch (impl) {
            case "optimized" -> {
                if (forced == Profile.SEL4) {
                    throw new UsageException("--impl optimized follows profile spec only; serve --impl model for sel4");
                }
                yield new ProtocolServer(c -> new OptimizedGuestRam(c.withProfile(Profile.SPEC)));
            }
            case "model" -> new ProtocolServer(c -> model(forced == null ? c : c.withProfile(forced)));
            default -> throw new UsageException("--impl " + impl + ": expected optimized or model");
        };
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        server.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
        out.flush();
        return ExitCode.OK;
    }

    private static GuestRam model(Config config) {
        return Models.reference(config);
    }
}
