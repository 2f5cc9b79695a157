package io.guestram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The JSON a script checks the targets with: camelCase keys, every ratio the targets name, a verdict per target. */
class ReportTest {

    @Test
    void callNamesInCamelCase() {
        assertEquals("registerAt", Report.camel("register_at"));
        assertEquals("findLargestFreeRegion", Report.camel("find_largest_free_region"));
        assertEquals("touch1Page", Report.camel("touch_1_page"));
        assertEquals("touch64Pages", Report.camel("touch_64_pages"));
        assertEquals("read4KiB", Report.camel("read_4KiB"));
    }

    @Test
    void jsonCarriesTheRatiosAndAVerdictPerTarget() {
        Report report = new Report();
        for (String call : Report.CALLS.values()) {
            report.put("impl", "fragmented", call, 100, new Report.Cell(100, 1, 0.001));
            report.put("impl", "fragmented", call, 10_000, new Report.Cell(200, 1, 0.001));
            report.put("impl", "fragmented", call, 1_000_000, new Report.Cell(call.equals("free") ? 400 : 250, 1, 0.001));
            report.put("port", "fragmented", call, 10_000, new Report.Cell(call.equals("allocate") ? 100_000 : 400_000, 1, 96));
        }
        report.heap.add(new HeapPerPiece.Result("impl", 1_000_000, 16_000_000, 17_000_000));
        String json = report.json();
        assertTrue(json.contains("\"ratios\": {\"fragmented\": {\"scaling\": {\"registerAt\": 2.500,"), json);
        assertTrue(json.contains("\"free\": 4.000"), json);
        assertTrue(json.contains("\"portOverImpl\": {\"registerAt\": 2000.000, \"markAllocated\": 2000.000, \"allocate\": 500.000"), json);
        assertTrue(json.contains("\"bytesPerPiece\": {\"impl\": 16.00}"), json);
        assertTrue(json.contains("\"scalingFreeFragmented\": false"), json);
        assertTrue(json.contains("\"scalingRegisterAtFragmented\": true"), json);
        assertTrue(json.contains("\"portOverImplAllocateFragmented\": false"), json);
        assertTrue(json.contains("\"portOverImplFindLargestFreeRegionFragmented\": true"), json);
        assertTrue(json.contains("\"bytesPerPiece\": true"), json);
        assertTrue(json.contains("\"allocBytesPerOpMarkAllocatedFragmented\": true"), json);
        assertTrue(json.contains("\"allTargetsMet\": false"), json);
        assertTrue(json.contains("{\"id\": \"bytesPerPiece\", \"name\": \"bytes per piece (impl)\", \"goal\": \"<= 24 at 10^6 pieces (JOL)\","
                + " \"measured\": \"16.0 B (JOL), 17.0 B (heap delta)\", \"value\": 16.000, \"limit\": 24.000, \"met\": true}"), json);
    }
}
