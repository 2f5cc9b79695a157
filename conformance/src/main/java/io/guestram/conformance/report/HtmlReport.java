package io.guestram.conformance.report;

import io.guestram.Piece;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.run.StepRecord;
import java.util.ArrayList;
import java.util.List;

/** One self-contained HTML page: the summary, then each counterexample step with its maps as SVG. */
public final class HtmlReport {

    private HtmlReport() {}

    public static String render(ConformanceResult result) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><title>guestram conformance</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em}")
                .append("td{vertical-align:top;padding:4px 8px;border-bottom:1px solid #ccc}code{font-size:90%}")
                .append(".fail{background:#fdd}svg{display:block}")
                .append(".maps{display:grid;grid-template-columns:8em ").append(MapSvg.WIDTH + 60)
                .append("px;column-gap:6px;row-gap:2px;align-items:center}.maps span{font-size:85%;text-align:right}")
                .append("</style></head><body><h1>guestram conformance: ")
                .append(result.passed() ? "passed" : "failed").append("</h1><pre>").append(escape(result.summary()))
                .append("</pre>");
        result.counterexampleIfAny().ifPresent(c -> steps(s, c));
        return s.append("</body></html>\n").toString();
    }

    private static void steps(StringBuilder s, Counterexample c) {
        List<List<Piece>> maps = new ArrayList<>();
        for (StepRecord r : c.steps()) {
            maps.addAll(List.of(r.modelBefore(), r.implBefore(), r.modelAfter(), r.implAfter()));
        }
        MapSvg svg = new MapSvg(maps);
        s.append("<h2>Counterexample: ").append(escape(c.violation().id())).append("</h2><p>")
                .append(escape(c.violation().message())).append("</p><p>Files: <a href='counterexample.jsonl'>trace</a>, ")
                .append("<a href='CounterexampleTest.java'>JUnit test</a>, <a href='counterexample.txt'>program</a>.</p>")
                .append("<p>Every bar on this page has one scale: an address is at the same x in each, ticks mark every ")
                .append("boundary of every map, and a stretch between two boundaries is 1 + log2(its bytes) wide, so that ")
                .append("one byte and 2^64 bytes both show. Hover a piece for its range.</p>")
                .append(MapSvg.legend())
                .append("<table><tr><th>#</th><th>call and results</th><th>memory map before and after</th></tr>");
        for (StepRecord r : c.steps()) {
            s.append("<tr").append(r.failed() ? " class='fail'" : "").append("><td>").append(r.number())
                    .append("</td><td><code>").append(escape(r.action().call().java())).append("</code><br>model: ")
                    .append(escape(r.model().toString())).append("<br>impl: ").append(escape(r.implResult()))
                    .append(r.failed() ? "<br><b>" + escape(ProgramReport.marker(r.violation())) + "</b>" : "")
                    .append("</td><td><div class='maps'>");
            boolean sameBefore = r.modelBefore().equals(r.implBefore());
            row(s, sameBefore ? "before" : "before, model", svg.bar(r.modelBefore(), r.implBefore()));
            if (!sameBefore) {
                row(s, "before, impl", svg.bar(r.implBefore(), r.modelBefore()));
            }
            row(s, "after, model", svg.bar(r.modelAfter(), r.implAfter()));
            row(s, r.implAfter().equals(r.modelAfter()) ? "after, impl (same)" : "after, impl", svg.bar(r.implAfter(), r.modelAfter()));
            row(s, "", svg.axis());
            s.append("</div></td></tr>");
        }
        s.append("</table>");
    }

    private static void row(StringBuilder s, String label, String svg) {
        s.append("<span>").append(label).append("</span>").append(svg);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
