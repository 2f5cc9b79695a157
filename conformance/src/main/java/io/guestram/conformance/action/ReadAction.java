package io.guestram.conformance.action;

import io.guestram.call.Call;
import io.guestram.conformance.action.Values.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code read(address, size)} through touch: the bytes, each chunk copied to its offset. */
public record ReadAction(long address, int size) implements Action {

    /** Reads stay short (they cost a copy per byte) but still cross page boundaries. */
    static final int MAX_SIZE = 48;

    public static ReadAction generate(Generation g) {
        if (g.chance(Values.INVALID_PERCENT / 2)) {
            Range r = Values.invalidRange(g);
            return new ReadAction(r.start(), r.size() == 0 ? 0 : (int) Math.min(r.size() & Integer.MAX_VALUE, MAX_SIZE));
        }
        Range r = Values.accessSite(g, Math.min(MAX_SIZE, 2 * g.page() + 2));
        return new ReadAction(r.start(), (int) Math.min(r.size() & Long.MAX_VALUE, MAX_SIZE));
    }

    static Action parse(Arguments a) {
        return new ReadAction(a.u64("address"), a.count("size"));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.READ;
    }

    @Override
    public Call call() {
        return new Call.Read(address, size);
    }

    @Override
    public List<Action> simplifications(long pageSize) {
        List<Action> simpler = new ArrayList<>();
        Simplify.smaller(address, pageSize).forEach(v -> simpler.add(new ReadAction(v, size)));
        Simplify.smaller(size, pageSize).forEach(v -> simpler.add(new ReadAction(address, v)));
        return simpler;
    }

    @Override
    public OptionalLong startAddress() {
        return OptionalLong.of(address);
    }

    @Override
    public Action shiftedDown(long delta) {
        return new ReadAction(address - delta, size);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("address", address);
        args.put("size", size);
        return args;
    }
}
