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

    @Test
    void aBadChecksLineIsNamed() throws Exception {
        Files.writeString(dir.resolve("M.tla"), "---- MODULE M ----\n====\n");
        Files.writeString(dir.resolve(Apalache.CHECKS_FILE), "# comment\n\nM --length=2\nM --out-dir=/etc\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Apalache.checks(dir));
        assertTrue(e.getMessage().startsWith("apalache-checks.txt:4: unsupported argument '--out-dir=/etc'"), e.getMessage());
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

    /** Where APALACHE_HOME is set: the real thing on the runs module at 2^64 (two short runs). */
    @Test
    void apalacheWherePresentTypechecksAndProvesInitImpliesIndInv() throws Exception {
        Optional<Apalache> apalache = Apalache.fromEnvironment();
        if (apalache.isEmpty()) {
            return; // the skip is said by guestram apalache; nothing to run here
        }
        Apalache.Result typed = apalache.get().typecheck(SPEC, "MCRuns_64");
        assertTrue(typed.passed(), typed.output());
        Apalache.Result init = apalache.get().check(SPEC,
                new Apalache.Check("MCRuns_64", List.of("--init=Init", "--inv=IndInv", "--length=0"), false));
        assertTrue(init.passed(), init.output());
    }
}
