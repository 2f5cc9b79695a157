package io.guestram.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How guestram finds and runs Apalache and reads spec/apalache-checks.txt. Without Apalache, a
 * stand-in apalache-mc script checks the plumbing; where APALACHE_HOME is set, the real one
 * type-checks the runs module and proves that Init implies its inductive invariant at 2^64.
 */
class ApalacheTest {

    private static final Path SPEC = Path.of("..", "spec");

    @TempDir
    Path dir;

    /** A stand-in apalache-mc in {@code dir/bin} that prints {@code output} and exits with {@code exit}. */
    private Path fakeHome(String output, int exit) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("home").resolve("bin"));
        Path tool = bin.resolve("apalache-mc");
        Files.writeString(tool, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("args") + "\"\nprintf '%s\\n' '" + output
                + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin.getParent();
    }

    @Test
    void apalacheIsFoundThroughApalacheHomeOrThePath() throws Exception {
        assertEquals(Optional.empty(), Apalache.find(null, null));
        assertEquals(Optional.empty(), Apalache.find("", dir.toString()));
        Path home = fakeHome("EXITCODE: OK", 0);
        assertTrue(Apalache.find(home.toString(), null).isPresent());
        assertTrue(Apalache.find(null, "/nonexistent:" + home.resolve("bin")).isPresent());
        ConfigException e = assertThrows(ConfigException.class, () -> Apalache.find(dir.toString(), null));
        assertEquals("APALACHE_HOME=" + dir + ": no executable bin/apalache-mc there", e.getMessage());
        assertTrue(Apalache.skipNotice().startsWith("Apalache not run: set APALACHE_HOME"), Apalache.skipNotice());
    }

    @Test
    void theChecksOfTheSpecIncludeTheInductiveProofAtTwoToThe64() throws Exception {
        List<Apalache.Check> checks = Apalache.checks(SPEC);
        assertTrue(checks.contains(new Apalache.Check("MCRuns_64", List.of("--init=IndInit", "--inv=IndInv", "--length=1"), false)),
                checks.toString());
        assertTrue(checks.contains(new Apalache.Check("MCRuns_64", List.of("--init=Init", "--inv=IndInv", "--length=0"), false)),
                checks.toString());
        assertTrue(checks.stream().anyMatch(c -> c.module().equals("MCRuns_64") && c.args().contains("--init=Init")
                && c.length() >= 4), "a bounded check of depth 4 or more from Init: " + checks);
    }

    /**
     * Every model configuration is checked by Apalache as TLC checks it: a passing one with each
     * INVARIANT of its .cfg and, for each PROPERTY {@code P == [][Q]_vars} (or {@code [][Q']_vars}),
     * Q as an invariant (an action invariant when Q has primes), at least 2 steps deep; a known-bug
     * one with the broken property's predicate alone, expected violated within the manifest's
     * counterexample length.
     */
    @Test
    void everyModelConfigurationIsCheckedAsTlcChecksIt() throws Exception {
        List<Apalache.Check> checks = Apalache.checks(SPEC);
        Manifest manifest = Manifest.of(SPEC);
        String modules = Files.readString(SPEC.resolve("GuestRam.tla")) + Files.readString(SPEC.resolve("GuestRamSel4.tla"));
        List<Path> configs;
        try (var files = Files.list(SPEC)) {
            configs = files.filter(f -> f.getFileName().toString().matches("MC_.*\\.cfg")).sorted().toList();
        }
        assertFalse(configs.isEmpty());
        for (Path cfg : configs) {
            String name = cfg.getFileName().toString().replace(".cfg", "");
            List<Apalache.Check> mine = checks.stream().filter(c -> c.module().equals(name)).toList();
            assertEquals(1, mine.size(), name + ": one line in " + Apalache.CHECKS_FILE);
            Apalache.Check check = mine.get(0);
            List<String> invs = check.args().stream().filter(a -> a.startsWith("--inv="))
                    .flatMap(a -> List.of(a.substring("--inv=".length()).split(",")).stream()).toList();
            Optional<String> bug = manifest.expectedViolation(name);
            if (bug.isPresent()) {
                assertTrue(check.expectViolation(), name);
                assertEquals(List.of(predicate(modules, bug.get())), invs, name);
                assertEquals(manifest.counterexampleCalls(name).orElseThrow(), check.length(), name);
                Optional<String> next = check.args().stream().filter(a -> a.startsWith("--next=")).findFirst();
                if (next.isPresent()) {
                    // A restricted next-state relation finds only behaviours of Next if each of its
                    // disjuncts is one of Next's, word for word.
                    String op = next.get().substring("--next=".length());
                    String mc = Files.readString(SPEC.resolve(name + ".tla"));
                    java.util.regex.Matcher extended = java.util.regex.Pattern.compile("(?m)^EXTENDS (\\w+)$").matcher(mc);
                    assertTrue(extended.find(), name + " extends a spec");
                    List<String> ofNext = disjuncts(Files.readString(SPEC.resolve(extended.group(1) + ".tla")), "Next");
                    List<String> mineOnly = disjuncts(mc, op);
                    assertFalse(mineOnly.isEmpty(), name + ": " + op + " has no disjunct");
                    assertTrue(ofNext.containsAll(mineOnly), name + ": " + op + " " + mineOnly
                            + " is not a choice of Next's disjuncts " + ofNext);
                }
                continue;
            }
            assertFalse(check.expectViolation(), name);
            assertTrue(check.args().stream().noneMatch(a -> a.startsWith("--next=")), name + ": a passing check takes all of Next");
            assertTrue(check.length() >= 2, name + ": at least 2 steps");
            for (String line : Files.readAllLines(cfg)) {
                String[] w = line.strip().split("\\s+");
                if (w.length == 2 && w[0].equals("INVARIANT")) {
                    assertTrue(invs.contains(w[1]), name + ": invariant " + w[1] + " in " + invs);
                } else if (w.length == 2 && w[0].equals("PROPERTY")) {
                    assertTrue(invs.contains(predicate(modules, w[1])), name + ": the step of " + w[1] + " in " + invs);
                }
            }
        }
    }

    /** The disjuncts {@code \\/ ...} of the definitions {@code op ==} in {@code modules}, one a line, stripped. */
    private static List<String> disjuncts(String modules, String op) {
        List<String> found = new java.util.ArrayList<>();
        boolean inside = false;
        for (String line : modules.split("\n")) {
            if (line.equals(op + " ==")) {
                inside = true;
            } else if (inside && line.startsWith("    \\/ ")) {
                found.add(line.strip());
            } else {
                inside = false;
            }
        }
        return found;
    }

    /** Q of {@code P == [][Q]_vars} or {@code P == [][Q']_vars}; P itself if it is no such property. */
    private static String predicate(String modules, String property) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^" + property + " == \\[\\]\\[(\\w+)'?\\]_vars$").matcher(modules);
        return m.find() ? m.group(1) : property;
    }

    @Test
    void aBadChecksLineIsNamed() throws Exception {
        Files.writeString(dir.resolve("M.tla"), "---- MODULE M ----\n====\n");
        Files.writeString(dir.resolve(Apalache.CHECKS_FILE), "# comment\n\nM --length=2\nM --out-dir=/etc\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Apalache.checks(dir));
        assertTrue(e.getMessage().startsWith("apalache-checks.txt:4: unsupported argument '--out-dir=/etc'"), e.getMessage());
        Files.writeString(dir.resolve(Apalache.CHECKS_FILE), "M --inv=Inv --length=2 expect=violation slow\nM --length=1\n");
        assertEquals(List.of(new Apalache.Check("M", List.of("--inv=Inv", "--length=2"), true, true),
                new Apalache.Check("M", List.of("--length=1"), false, false)), Apalache.checks(dir));
        Files.writeString(dir.resolve(Apalache.CHECKS_FILE), "Missing --length=2\n");
        e = assertThrows(ConfigException.class, () -> Apalache.checks(dir));
        assertTrue(e.getMessage().startsWith("apalache-checks.txt:1: no module Missing.tla"), e.getMessage());
    }

    @Test
    void aQuickRunLowersTheLengthOnly() {
        Apalache.Check deep = new Apalache.Check("M", List.of("--init=Init", "--length=6", "--inv=Inv"), true);
        assertEquals(List.of("--init=Init", "--length=2", "--inv=Inv"), deep.capped(2).args());
        assertEquals(6, deep.capped(9).length());
        assertEquals(List.of("--inv=Inv", "--length=1"), new Apalache.Check("M", List.of("--inv=Inv"), false).capped(1).args());
        assertTrue(deep.capped(2).expectViolation());
        assertTrue(new Apalache.Check("M", List.of("--length=6"), false, true).capped(2).slow());
    }

    @Test
    void theVerdictIsApalachesExitCode() throws Exception {
        Files.writeString(dir.resolve("M.tla"), "---- MODULE M ----\n====\n");
        Apalache.Check holds = new Apalache.Check("M", List.of("--inv=Inv", "--length=3"), false);
        Apalache.Check bug = new Apalache.Check("M", List.of("--inv=Inv", "--length=3"), true);

        Apalache violated = Apalache.find(fakeHome("EXITCODE: ERROR (12)", 12).toString(), null).orElseThrow();
        Apalache.Result r = violated.check(dir, holds);
        assertEquals("violation", r.outcome());
        assertFalse(r.passed());
        assertFalse(r.asExpected());
        assertTrue(violated.check(dir, bug).asExpected(), "a known bug's configuration is expected to be violated");
        String args = Files.readString(dir.resolve("args")).strip();
        assertTrue(args.startsWith("check --out-dir="), args);
        assertTrue(args.endsWith(" --inv=Inv --length=3 M.tla"), args);
        assertFalse(args.contains(SPEC.toString()), "Apalache runs in a scratch copy: " + args);

        Apalache ok = Apalache.find(fakeHome("EXITCODE: OK", 0).toString(), null).orElseThrow();
        assertTrue(ok.check(dir, holds).passed());
        assertFalse(ok.check(dir, bug).asExpected(), "a known bug's configuration that passes is unexpected");
        Apalache broken = Apalache.find(fakeHome("Parser error", 255).toString(), null).orElseThrow();
        Apalache.Result failed = broken.typecheck(dir, "M");
        assertEquals("no result (exit 255)", failed.outcome());
        assertFalse(failed.asExpected());
        assertTrue(failed.toJson().contains("\"asExpected\": false"), failed.toJson());
    }

    /** Where APALACHE_HOME is set: the real thing type-checks the three specs and, at 2^64, proves Init implies IndInv. */
    @Test
    void apalacheWherePresentTypechecksTheSpecsAndProvesInitImpliesIndInv() throws Exception {
        Optional<Apalache> apalache = Apalache.fromEnvironment();
        if (apalache.isEmpty()) {
            return; // the skip is said by guestram apalache; nothing to run here
        }
        for (String module : List.of("MCRuns_64", "MC_Small", "MC_Sel4Small")) {
            Apalache.Result typed = apalache.get().typecheck(SPEC, module);
            assertTrue(typed.passed(), typed.output());
        }
        Apalache.Result init = apalache.get().check(SPEC,
                new Apalache.Check("MCRuns_64", List.of("--init=Init", "--inv=IndInv", "--length=0"), false));
        assertTrue(init.passed(), init.output());
    }
}
