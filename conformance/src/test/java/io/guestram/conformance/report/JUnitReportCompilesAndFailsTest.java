package io.guestram.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.broken.AllocateHighestFit;
import io.guestram.conformance.broken.Counterexamples;
import io.guestram.conformance.broken.FreeWithoutCoalescing;
import io.guestram.conformance.broken.LargestTiesToHighest;
import io.guestram.conformance.broken.RejectedFreeMutates;
import io.guestram.conformance.broken.TouchOffByOne;
import io.guestram.model.Models;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pasteable JUnit method is real Java: wrapped in a class with the imports it names, it
 * compiles, passes on the model and fails on the broken implementation (an assertion, or the
 * implementation throwing) on the line marked {@code // impl != model}.
 */
public class JUnitReportCompilesAndFailsTest {

    /** Set by the test before the generated method runs; the generated class's create() reads it. */
    public static Function<Config, GuestRam> factory;

    static Stream<ImplementationFactory> broken() {
        return Stream.of(LargestTiesToHighest::new, AllocateHighestFit::new, FreeWithoutCoalescing::new,
                TouchOffByOne::new, RejectedFreeMutates::new);
    }

    @ParameterizedTest
    @MethodSource("broken")
    void theRegressionTestPassesOnTheModelAndFailsOnTheBug(ImplementationFactory broken, @TempDir Path dir) throws Exception {
        Counterexample c = Counterexamples.of(broken);
        Method test = compile(JUnitReport.render(c), dir);
        factory = Models::reference;
        run(test);
        factory = broken::create;
        InvocationTargetException failure = org.junit.jupiter.api.Assertions.assertThrows(
                InvocationTargetException.class, () -> run(test), JUnitReport.render(c));
        int markedLine = markedLine(JUnitReport.render(c));
        assertTrue(Stream.of(failure.getCause().getStackTrace())
                        .anyMatch(f -> f.getClassName().equals("Regression") && f.getLineNumber() == markedLine),
                "fails on the line marked impl != model:\n" + JUnitReport.render(c));
    }

    private static Method compile(String method, Path dir) throws Exception {
        String source = "import static org.junit.jupiter.api.Assertions.*; import io.guestram.*; import java.util.*;\n"
                + "import org.junit.jupiter.api.Test;\n"
                + "public class Regression {\n"
                + "GuestRam create(Config c) { return io.guestram.conformance.report.JUnitReportCompilesAndFailsTest.factory.apply(c); }\n"
                + method + "}\n";
        Path file = dir.resolve("Regression.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-Xlint:all", "-Werror", "-classpath",
                classPath(), "-d", dir.toString(), file.toString());
        assertEquals(0, status, "generated test does not compile:\n" + source);
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                JUnitReportCompilesAndFailsTest.class.getClassLoader());
        Class<?> regression = loader.loadClass("Regression");
        Method test = List.of(regression.getDeclaredMethods()).stream()
                .filter(m -> m.getName().startsWith("counterexample")).findFirst().orElseThrow();
        test.setAccessible(true);
        return test;
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }

    private static void run(Method test) throws Exception {
        test.invoke(test.getDeclaringClass().getDeclaredConstructor().newInstance());
    }

    /** The line of the generated class (4 lines of header precede the method) with the marker. */
    private static int markedLine(String method) {
        String[] lines = method.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("// impl != model")) {
                return 4 + i + 1;
            }
        }
        throw new AssertionError("no marked line in\n" + method);
    }
}
