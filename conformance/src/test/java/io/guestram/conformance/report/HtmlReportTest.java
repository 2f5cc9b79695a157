package io.guestram.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.broken.AllocateHighestFit;
import io.guestram.conformance.broken.Counterexamples;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * report.html draws every memory map of a counterexample on one scale: bars of one width from one
 * x, the same ticks, a legend, and the ranges where model and implementation differ outlined.
 * Checked in the HTML and, where Chromium is installed, in a headless Chromium screenshot
 * (target/report-html/report.png) whose bars must start and end at the same pixel columns.
 */
class HtmlReportTest {

    private static final Path DIR = Path.of("target", "report-html");
    private static String html;

    @BeforeAll
    static void writeAReport() throws IOException {
        // A highest-fit allocator: the maps after its first allocate differ from the model's.
        ConformanceResult r = Campaign.of(Config.defaults(Profile.SPEC), AllocateHighestFit::new)
                .seed(Counterexamples.SEED).runs(50).actions(200).reportDir(DIR).run();
        assertFalse(r.passed());
        html = Files.readString(DIR.resolve("report.html"));
    }

    /** Every match of {@code regex}'s group 1 in {@code text}, joined with "+" to group 2 if it has one. */
    private static List<String> all(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 1 ? m.group(1) + "+" + m.group(2) : m.group(1));
        }
        return found;
    }

    /** The step cells' contents, one string per step. */
    private static List<String> steps() {
        return all("<div class='maps'>(.*?)</div>", html);
    }

    @Test
    void everyBarHasTheSameWidthAndTicks() {
        List<String> steps = steps();
        assertFalse(steps.isEmpty(), html);
        Set<String> tickSets = new TreeSet<>();
        for (String step : steps) {
            for (String svg : step.split("<span>")) {
                if (svg.contains("<svg") && !svg.contains("<text")) { // a bar; the axis has labels
                    assertTrue(svg.contains("<svg xmlns='http://www.w3.org/2000/svg' width='" + MapSvg.WIDTH + "'"), svg);
                    tickSets.add(String.join(",", ticks(svg)));
                }
            }
        }
        assertEquals(1, tickSets.size(), "every bar has the ticks of every boundary: " + tickSets);
    }

    private static List<String> ticks(String svg) {
        return all("<line x1='([0-9.]+)'", svg);
    }

    @Test
    void theFailingStepMarksWhereModelAndImplementationDiffer() {
        Matcher failing = Pattern.compile("<tr class='fail'>.*?</tr>").matcher(html);
        assertTrue(failing.find(), html);
        String step = failing.group();
        // The bars after the call: the model's, then the implementation's.
        String[] bars = step.split("<span>after, ");
        assertEquals(3, bars.length, step);
        List<String> model = differs(bars[1]);
        List<String> impl = differs(bars[2]);
        assertFalse(model.isEmpty(), "the difference is outlined: " + step);
        assertEquals(model, impl, "at the same x on the model's bar and on the implementation's");
        assertEquals(2 * model.size(), html.split("class='differs'", -1).length - 1, "and nowhere else: the earlier steps agree");
    }

    private static List<String> differs(String bar) {
        return all("<rect class='differs' x='([0-9.]+)' y='1' width='([0-9.]+)'", bar);
    }

    @Test
    void aPieceBoundaryOfOneSideOnlyIsMarked() {
        // Free pieces that should have been coalesced: the same bytes free, one boundary more.
        List<Piece> model = List.of(new Piece(0, 1, false));
        List<Piece> impl = List.of(new Piece(0, 0, false), new Piece(1, 1, false));
        MapSvg svg = new MapSvg(List.of(model, impl));
        String x = String.format(Locale.ROOT, "%.1f", svg.x(BigInteger.ONE));
        assertTrue(svg.bar(impl, model).contains("<line class='differs-boundary' x1='" + x + "'"), svg.bar(impl, model));
        assertTrue(svg.bar(model, impl).contains("<line class='differs-boundary' x1='" + x + "'"), svg.bar(model, impl));
        assertFalse(svg.bar(model, model).contains("differs"), "a map does not differ from itself");
        assertFalse(svg.bar(impl, model).contains("class='differs'"), "no byte has another state");
    }

    @Test
    void aLegendNamesEveryColour() {
        String legend = MapSvg.legend();
        assertTrue(html.contains(legend));
        for (String key : new String[] {MapSvg.FREE, "free", MapSvg.ALLOCATED, "allocated", MapSvg.UNREGISTERED, "unregistered",
            MapSvg.DIFFERENT, "model and implementation differ"}) {
            assertTrue(legend.contains(key), key);
        }
    }

    /** Chromium's command, where one is installed: $CHROMIUM, else chromium or chromium-browser on PATH. */
    private static Optional<String> chromium() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(env);
        }
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .flatMap(d -> Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    @Test
    void inChromiumTheBarsLineUp() throws Exception {
        Optional<String> chromium = chromium();
        if (chromium.isEmpty()) {
            System.out.println("report.html not checked in a browser: no chromium on PATH (set CHROMIUM to one)");
        }
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium on PATH");
        Path png = DIR.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("guestram-chromium");
        Process p = new ProcessBuilder(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1400,1600",
                "--screenshot=" + png, DIR.resolve("report.html").toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(DIR.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(Files.isRegularFile(png), "Chromium wrote no screenshot: " + Files.readString(DIR.resolve("chromium.log")));
        BufferedImage image = ImageIO.read(png.toFile());

        // A bar is a run of pixel rows holding the bar colours; its left and right edge are the
        // first and last column of those colours in its middle row.
        Set<Integer> colours = Set.of(rgb(MapSvg.FREE), rgb(MapSvg.ALLOCATED), rgb(MapSvg.UNREGISTERED));
        List<int[]> bars = new ArrayList<>();
        int runStart = -1;
        for (int y = 0; y <= image.getHeight(); y++) {
            boolean barRow = y < image.getHeight() && edges(image, y, colours) != null
                    && edges(image, y, colours)[1] - edges(image, y, colours)[0] > MapSvg.WIDTH / 2;
            if (barRow && runStart < 0) {
                runStart = y;
            } else if (!barRow && runStart >= 0) {
                if (y - runStart >= MapSvg.BAR / 2) {
                    bars.add(edges(image, (runStart + y) / 2, colours));
                }
                runStart = -1;
            }
        }
        int failingBars = 2;
        assertTrue(bars.size() >= 3 * 2 + failingBars, "found " + bars.size() + " bars in " + png);
        for (int[] bar : bars) {
            // Within 2 pixels: a piece's 0.5 px outline, antialiased, may hide its colour in the edge column.
            assertEquals(bars.get(0)[0], bar[0], 2, "every bar starts at the same column: " + png);
            assertEquals(bars.get(0)[1], bar[1], 2, "and ends at the same column: " + png);
        }
        boolean red = false;
        for (int y = 0; y < image.getHeight() && !red; y++) {
            for (int x = 0; x < image.getWidth() && !red; x++) {
                red = (image.getRGB(x, y) & 0xffffff) == rgb(MapSvg.DIFFERENT);
            }
        }
        assertTrue(red, "the difference is drawn: " + png);
    }

    /** The first and last column of row y in one of the colours, or null. */
    private static int[] edges(BufferedImage image, int y, Set<Integer> colours) {
        int first = -1;
        int last = -1;
        for (int x = 0; x < image.getWidth(); x++) {
            if (colours.contains(image.getRGB(x, y) & 0xffffff)) {
                first = first < 0 ? x : first;
                last = x;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }
}
