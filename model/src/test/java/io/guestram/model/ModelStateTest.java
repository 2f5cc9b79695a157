package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.GuestRamException;
import io.guestram.Profile;
import io.guestram.Window;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The models as values, as the explorer uses them: a copy is equal and independent, equality
 * sees every part of the state (registered, allocated, contents; for sel4 also the bump
 * pointers and the reserved and mapped pages), and equal states hash alike.
 */
class ModelStateTest {

    private static final Config SPEC = Config.bounded(Profile.SPEC, 64, 4, List.of(new Window(32, 63)));
    /** The window starts off the page grid, so that even register(0) moves the bump pointer (to 36). */
    private static final Config SEL4 = Config.bounded(Profile.SEL4, 64, 4, List.of(new Window(33, 63)));

    @Test
    void modelsForEachProfile() {
        assertInstanceOf(ReferenceModel.class, Models.reference(SPEC));
        assertInstanceOf(Sel4Model.class, Models.reference(SEL4));
        assertSame(SPEC, Models.reference(SPEC).config());
        assertSame(SEL4, Models.reference(SEL4).config());
    }

    @Test
    void referenceModelEqualityCoversEveryPart() {
        Supplier<ReferenceModel> base = () -> {
            ReferenceModel m = new ReferenceModel(SPEC);
            m.registerAt(0, 16, false);
            return m;
        };
        differsAfter(base, m -> m.registerAt(16, 1, false), "registered");
        differsAfter(base, m -> m.markAllocated(0, 1), "allocated");
        differsAfter(base, m -> m.write(0, new byte[] {1}), "contents");
        ReferenceModel other = new ReferenceModel(Config.bounded(Profile.SPEC, 64, 8, List.of(new Window(32, 63))));
        other.registerAt(0, 16, false);
        assertNotEquals(base.get(), other, "config");
        assertNotEquals(base.get(), (Object) "a string");
    }

    @Test
    void sel4ModelEqualityCoversEveryPart() {
        Supplier<Sel4Model> base = () -> {
            Sel4Model m = new Sel4Model(SEL4);
            m.registerAt(0, 16, false);
            return m;
        };
        differsAfter(base, m -> m.registerAt(16, 1, false), "entries and pages");
        differsAfter(base, m -> m.markAllocated(0, 1), "entries");
        differsAfter(base, m -> m.write(0, new byte[] {1}), "contents");
        differsAfter(base, m -> assertThrows(GuestRamException.class, () -> m.register(0)), "bump pointer only");
        Sel4Model other = new Sel4Model(Config.bounded(Profile.SEL4, 64, 8, List.of(new Window(32, 63))));
        other.registerAt(0, 16, false);
        assertNotEquals(base.get(), other, "config");
        assertNotEquals(base.get(), (Object) "a string");
    }

    /** {@code change} on one of two equal states makes them differ; a copy taken before stays as it was. */
    private static <M> void differsAfter(Supplier<M> base, Consumer<M> change, String what) {
        M a = base.get();
        M b = base.get();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode(), "equal states hash alike");
        M copy = copy(a);
        assertEquals(a, copy);
        assertEquals(a.hashCode(), copy.hashCode());
        change.accept(a);
        assertNotEquals(b, a, what);
        assertNotEquals(a, b, what);
        assertEquals(b, copy, "the copy did not change with the original: " + what);
    }

    @SuppressWarnings("unchecked")
    private static <M> M copy(M model) {
        if (model instanceof ReferenceModel r) {
            return (M) r.copy();
        }
        return (M) ((Sel4Model) model).copy();
    }

    /**
     * The explorer keeps states in hash sets: distinct states must spread over many hash codes,
     * or every lookup degrades to a walk of one bucket. 64 states: {@code [0, a]} registered, its
     * head (one byte) allocated or not. ReferenceModel once told only 32 of them apart, when its
     * runs hashed as {@code first ^ last} and every single-byte run hashed 0 (docs/mutation.md).
     */
    @Test
    void distinctStatesHashApart() {
        java.util.Set<Integer> spec = new java.util.HashSet<>();
        java.util.Set<Integer> sel4 = new java.util.HashSet<>();
        for (int a = 0; a < 32; a++) {
            for (boolean allocate : new boolean[] {false, true}) {
                ReferenceModel m = new ReferenceModel(SPEC);
                m.registerAt(0, a + 1, false);
                Sel4Model s = new Sel4Model(SEL4);
                s.registerAt(0, a + 1, false);
                if (allocate) {
                    m.markAllocated(0, 1);
                    s.markAllocated(0, 1);
                }
                spec.add(m.hashCode());
                sel4.add(s.hashCode());
            }
        }
        assertEquals(64, spec.size(), spec.size() + " hash codes for 64 states (spec)");
        assertEquals(64, sel4.size(), sel4.size() + " hash codes for 64 states (sel4)");
    }

    /**
     * Every state of profile spec over six addresses (each address unregistered, registered, or
     * registered and allocated: 729 states, as the explorer meets in a small configuration) hashes
     * apart from every other.
     */
    @Test
    void everyStateOfSixAddressesHashesApart() {
        java.util.Set<Integer> codes = new java.util.HashSet<>();
        int states = 729;
        for (int state = 0; state < states; state++) {
            ReferenceModel m = new ReferenceModel(SPEC);
            int digits = state;
            for (int address = 0; address < 6; address++, digits /= 3) {
                if (digits % 3 > 0) {
                    m.registerAt(address, 1, false);
                }
                if (digits % 3 == 2) {
                    m.markAllocated(address, 1);
                }
            }
            codes.add(m.hashCode());
        }
        assertEquals(states, codes.size(), "hash codes of the 729 states of six addresses");
    }

    /**
     * Contents as a value: a byte written and then zeroed is one never written, and contents that
     * differ in one byte (its value, or its address) differ and hash apart.
     */
    @Test
    void contentsAreEqualByTheirBytesAndHashBySeveralOfThem() {
        SparseBytes zeroed = new SparseBytes();
        zeroed.put(5, (byte) 7);
        zeroed.put(5, (byte) 0);
        assertEquals(new SparseBytes(), zeroed);
        assertEquals(new SparseBytes().hashCode(), zeroed.hashCode());
        java.util.Set<Integer> byValue = new java.util.HashSet<>();
        java.util.Set<Integer> byAddress = new java.util.HashSet<>();
        for (int i = 1; i < 256; i++) {
            SparseBytes value = new SparseBytes();
            value.put(40, (byte) i);
            SparseBytes address = new SparseBytes();
            address.put(i, (byte) 0x5a);
            SparseBytes again = address.copy();
            assertEquals(address, again);
            assertEquals(address.hashCode(), again.hashCode());
            assertNotEquals(value, address);
            byValue.add(value.hashCode());
            byAddress.add(address.hashCode());
        }
        assertEquals(255, byValue.size(), "hash codes of 255 values of one byte");
        assertEquals(255, byAddress.size(), "hash codes of one byte at 255 addresses");
    }

    @Test
    void anInvalidRangeSaysWhy() {
        ReferenceModel m = new ReferenceModel(SPEC);
        assertEquals("INVALID_RANGE: 0x4+0x0: size is 0",
                assertThrows(GuestRamException.class, () -> m.markAllocated(4, 0)).getMessage());
        assertEquals("INVALID_RANGE: 0x3c+0x5: does not fit below the address limit",
                assertThrows(GuestRamException.class, () -> m.free(60, 5)).getMessage());
    }
}
