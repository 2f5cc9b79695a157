package io.guestram.conformance.action;

import io.guestram.call.Call;
import io.guestram.conformance.action.Values.Range;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code write(address, data)} through touch, each chunk copied from its offset; data in hex. */
public record WriteAction(long address, String data) implements Action {

    private static final HexFormat HEX = HexFormat.of();

    public WriteAction {
        HEX.parseHex(data);
    }

    /** Short random data (zeros included) across page boundaries; sometimes invalid or unregistered. */
    public static WriteAction generate(Generation g) {
        if (g.chance(Values.INVALID_PERCENT / 2)) {
            Range r = Values.invalidRange(g);
            return new WriteAction(r.start(), r.size() == 0 ? "" : HEX.formatHex(g.bytes(ReadAction.MAX_SIZE)));
        }
        Range r = Values.accessSite(g, Math.min(ReadAction.MAX_SIZE, 2 * g.page() + 2));
        int length = (int) Math.min(r.size() & Long.MAX_VALUE, ReadAction.MAX_SIZE);
        return new WriteAction(r.start(), HEX.formatHex(g.bytes(length)));
    }

    static Action parse(Arguments a) {
        a.text("data"); // required: bytes() alone would read a missing field as no bytes
        return new WriteAction(a.u64("address"), HEX.formatHex(a.bytes("data")));
    }

    public byte[] bytes() {
        return HEX.parseHex(data);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.WRITE;
    }

    @Override
    public Call call() {
        return new Call.Write(address, bytes());
    }

    @Override
    public List<Action> simplifications(long pageSize) {
        List<Action> simpler = new ArrayList<>();
        Simplify.smaller(address, pageSize).forEach(v -> simpler.add(new WriteAction(v, data)));
        int length = data.length() / 2;
        Simplify.smaller(length, pageSize).forEach(n -> simpler.add(new WriteAction(address, "01".repeat(n))));
        if (!data.equals("01".repeat(length))) {
            simpler.add(new WriteAction(address, "01".repeat(length)));
        }
        return simpler;
    }

    @Override
    public OptionalLong startAddress() {
        return OptionalLong.of(address);
    }

    @Override
    public Action shiftedDown(long delta) {
        return new WriteAction(address - delta, data);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("address", address);
        args.put("data", data);
        return args;
    }
}
