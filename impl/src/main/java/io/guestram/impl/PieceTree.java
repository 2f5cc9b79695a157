package io.guestram.impl;

import io.guestram.Piece;
import io.guestram.U64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Invariant: the pieces are ordered by {@code first}, the first starts at 0, and each ends where
 * the next begins (the last at 2^64 - 1), so they tile all 2^64 addresses; no two adjacent
 * pieces share a kind. The B-tree holds every leaf at one depth; a node other than the root holds
 * at least a quarter of its slots (an inner root at least two children); an inner node's key for
 * each child is that child's first key, and its caches for each child are the maxima over the
 * child's pieces (an empty set counting 0). Every pool slot is either reachable from the root
 * exactly once or on its pool's free list.
 *
 * <p>The whole guest address space {@code [0, 2^64)} as maximal pieces of three kinds:
 * {@link #FREE} and {@link #ALLOCATED} registered bytes, and {@link #GAP}s of unregistered bytes
 * between (and around) registrations. Because the pieces tile the address space and adjacent
 * pieces differ in kind, a free piece is a maximal free run even across two adjacent
 * registrations, and a gap is a maximal run of unregistered bytes. A fresh tree is one gap.
 *
 * <p><b>Layout.</b> A B+-tree of pieces in the manner of Linux's maple tree (a B-tree of ranges
 * whose nodes carry the largest gap below each child): a leaf holds up to 32 pieces as their
 * {@code first} addresses and kinds, and a piece's {@code last} is the next piece's first minus
 * one, or for a leaf's last piece the bound that the descent carries down from the separators
 * above it, so a piece costs 9 bytes in a full leaf. An inner node holds up to 64 children, each
 * as one 32-byte entry: the child's first key, the child's number with a flag "holds a gap", and
 * two caches, the longest free run and the largest aligned gap capacity (see below). Nodes are
 * not objects: all leaves live in one set of flat arrays indexed by leaf number
 * ({@code leafKeys[leaf * 32 + slot]}), all inner nodes in one {@code long[]}, so a node is
 * adjacent cache lines with no header and no pointer to follow inside it, and the entry a
 * descent takes holds, in the same line, the caches that a refresh on the way back rewrites.
 * With n pieces the tree has about {@code log49(n / 25) + 1} levels (four at 10^6 pieces added in
 * address order, two at 10^2, against about twenty for a binary tree), and every operation here
 * is O(log n): a descent reads a bounded number of slots per level.
 *
 * <p>Lengths are unsigned and saturate at 2^64 - 1: only the piece covering all 2^64 addresses
 * is longer, and no request (its size a 64-bit number) can tell the difference.
 *
 * <p><b>Aligned gap capacity.</b> {@code register} needs the lowest page-aligned start {@code a}
 * with {@code [a, a + n)} inside one gap (and a window). Caching the longest gap is not enough:
 * a gap of length {@code >= n} may have no aligned fit when alignment eats it, and below the
 * answer there may be Θ(n) such gaps, each a dead end. So a gap's measure is its capacity
 * {@code last + 1 - alignUp(first)} (0 when that is empty or {@code alignUp} passes 2^64): an
 * aligned fit of n bytes exists in a gap iff its capacity is {@code >= n}, and then
 * {@code alignUp(first)} is the lowest. The capacity depends on the piece alone, so its subtree
 * maximum is maintained like any other and the search is exact. A window clips only the first
 * and the last gap it meets; {@link #lowestAlignedFit} checks those two by hand.
 *
 * <p><b>Mutation</b> is {@link #repaint}: every call of the interface that changes the state
 * recolours a range lying inside one piece. In this representation the four fit types become
 * changes of a key or a kind, insertions of keys and deletions of keys (a deleted key merges its
 * piece into the one before). The commonest, moving the boundary between a piece and a
 * neighbour, rewrites one key found on one descent and refreshes the caches bottom-up along
 * that descent's path, stopping at the first level where nothing changed; each level's caches
 * follow from the changed entry's maxima before and after, and only an entry that held a maximum
 * and lost it makes a level look at all its entries. A leaf's first key is
 * the separator above it, which bounds the leaf before it: when it changes, that leaf's caches
 * are refreshed too. A full node splits (in the middle, or near its end when the insertion is
 * at its end, so that pieces added in address order fill nodes to about 80%); a node that falls
 * below a quarter borrows from or merges with a sibling.
 *
 * <p>Not thread-safe; the queries write nothing, so several may run at once under
 * {@link ConcurrentGuestRam}'s read lock.
 */
final class PieceTree {

    static final byte FREE = 0;
    static final byte ALLOCATED = 1;
    static final byte GAP = 2;

    private static final String[] KIND_NAMES = {"FREE", "ALLOCATED", "GAP"};

    /** 32 pieces per leaf: 256 bytes of keys (4 cache lines) and 32 of kinds. */
    static final int LEAF_BITS = 5;
    /**
     * 64 children per inner node, each a 32-byte entry (key, child and caches together): 2 KiB a
     * node. Measured against 16 and 32 (bench/RESULTS.md, issue 16): one or two levels fewer at
     * 10^6 pieces, the same at 10^2, and faster descents and refreshes at 10^6.
     */
    static final int FANOUT_BITS = 6;

    /**
     * Longer than any root-to-leaf path: with at least one piece per leaf and two children per
     * inner node, fewer than 2^31 pieces need at most 32 levels.
     */
    private static final int MAX_DEPTH = 40;

    /** How far the first pass of a node's scan ({@link #innerSlot}, {@link #leafSlot}) steps. */
    private static final int SKIP = 8;

    /** In an inner entry's child word: the child holds a gap. */
    private static final long HAS_GAP = 1L << 32;

    /** What a subtree caches the maximum of; a piece's own value depends on that piece alone. */
    private static final int FREE_RUN = 0;
    private static final int GAP_FIT = 1;
    private static final int GAP_PRESENT = 2;

    /** Modes of {@link #walk}. */
    private static final int FIND = 0;
    private static final int LAST = 1;
    private static final int RECORD = 2;

    private final long pageSize;
    private final int leafBits;
    private final int leafSlots;
    private final int minLeaf;
    private final int fanoutBits;
    private final int fanout;
    private final int minFanout;

    // The leaves: piece (leaf, slot) is index (leaf << leafBits) + slot, "a position".
    private long[] leafKeys;
    private byte[] leafKinds;
    private int[] leafCount;
    private int leavesUsed;
    /** The first free leaf, linked through its key slot 0, or -1. */
    private int freeLeaves = -1;

    // The inner nodes: child (node, slot) is position i = (node << fanoutBits) + slot, and its
    // entry is the four longs from inner[i << 2]: its key, its child's number (the low 32 bits)
    // and whether the child holds a gap (HAS_GAP), its longest free run, its largest gap
    // capacity. A node's entries are adjacent, so the descent that scans its keys also brings in
    // the lines its children and caches are on, which a refresh then reads without a miss.
    private long[] inner;
    private int[] innerCount;
    private int innersUsed;
    /** The first free inner node, linked through its key slot 0, or -1. */
    private int freeInners = -1;

    private int root;
    /** The number of inner levels: 0 when the root is a leaf. */
    private int height;
    private int size;

    /**
     * The last recording {@link #walk}: {@code pathNode[d]} is the node at depth d (the leaf at
     * depth {@link #height}), {@code pathSlot[d]} the slot taken there (above the leaf),
     * {@code pathHi[d]} the last address its subtree covers. Kept between calls so that a
     * repaint allocates nothing; valid until the shape changes.
     */
    private final int[] pathNode = new int[MAX_DEPTH];
    private final int[] pathSlot = new int[MAX_DEPTH];
    private final long[] pathHi = new long[MAX_DEPTH];

    PieceTree(long pageSize) {
        this(pageSize, LEAF_BITS, FANOUT_BITS);
    }

    /** With {@code 2^leafBits} pieces per leaf and {@code 2^fanoutBits} children per inner node; tests use small nodes. */
    PieceTree(long pageSize, int leafBits, int fanoutBits) {
        if (leafBits < 1 || leafBits > 10 || fanoutBits < 2 || fanoutBits > 10) {
            throw new IllegalArgumentException("node sizes 2^" + leafBits + " and 2^" + fanoutBits);
        }
        this.pageSize = pageSize;
        this.leafBits = leafBits;
        this.leafSlots = 1 << leafBits;
        this.minLeaf = Math.max(1, leafSlots / 4);
        this.fanoutBits = fanoutBits;
        this.fanout = 1 << fanoutBits;
        this.minFanout = Math.max(2, fanout / 4);
        this.leafKeys = new long[leafSlots];
        this.leafKinds = new byte[leafSlots];
        this.leafCount = new int[1];
        this.inner = new long[0];
        this.innerCount = new int[0];
        this.root = newLeaf();
        leafKinds[0] = GAP;
        leafCount[root] = 1;
        this.size = 1;
    }

    /** The number of pieces, gaps included. */
    int size() {
        return size;
    }

    // Inner entries, by position (node << fanoutBits) + slot.

    private long key(int i) {
        return inner[i << 2];
    }

    private void setKey(int i, long key) {
        inner[i << 2] = key;
    }

    private int child(int i) {
        return (int) inner[(i << 2) + 1];
    }

    private void setChild(int i, int child) {
        int e = (i << 2) + 1;
        inner[e] = (inner[e] & HAS_GAP) | child;
    }

    private long freeRunAt(int i) {
        return inner[(i << 2) + 2];
    }

    private long gapFitAt(int i) {
        return inner[(i << 2) + 3];
    }

    private boolean hasGapAt(int i) {
        return (inner[(i << 2) + 1] & HAS_GAP) != 0;
    }

    // Queries: they write nothing.

    /** True iff some byte of {@code first..last} is unregistered. */
    boolean anyGapIn(long first, long last) {
        int x = (int) walk(first, FIND);
        if (leafKinds[x] == GAP) {
            return true;
        }
        // Inside the piece holding first, which is no gap: the commonest case, answered from
        // the leaf in hand when the next piece is in it too.
        int leaf = x >>> leafBits;
        if (x + 1 < (leaf << leafBits) + leafCount[leaf] && U64.lessThan(last, leafKeys[x + 1])) {
            return false;
        }
        // Any other gap meeting the range starts after first.
        if (first == U64.MAX) {
            return false;
        }
        int gap = lowest(GAP_PRESENT, 1, first + 1);
        return gap >= 0 && U64.atMost(leafKeys[gap], last);
    }

    /** True iff some free run holds at least {@code length} bytes. */
    boolean hasFreeRun(long length) {
        return U64.atMost(length, rootMaxFreeRun());
    }

    /**
     * The start of the lowest free run of at least {@code length > 0} bytes, which must exist
     * ({@link #hasFreeRun}). Two calls rather than an {@code OptionalLong}, so that allocate
     * allocates nothing even where the JIT does not inline this far.
     */
    long lowestFreeRun(long length) {
        return leafKeys[lowest(FREE_RUN, length, 0)];
    }

    /**
     * The length of the longest free run (saturated at 2^64 - 1), 0 if nothing is free: the
     * root's cache. The lowest run that long is {@link #lowestFreeRun}; primitives rather than a
     * {@link Piece}, so that find_largest_free_region allocates nothing but its result.
     */
    long longestFreeRun() {
        return rootMaxFreeRun();
    }

    /**
     * The lowest page-aligned start of {@code length > 0} unregistered bytes inside the window
     * {@code lo..hi}. The gap holding {@code lo} is clipped by the window and checked by hand;
     * past it, the lowest gap whose whole capacity suffices either starts inside the window (it
     * may still be clipped by {@code hi}: its capacity up to {@code hi} decides) or beyond it
     * (no fit).
     */
    OptionalLong lowestAlignedFit(long lo, long hi, long length) {
        int x = (int) walk(lo, FIND);
        if (leafKinds[x] == GAP) {
            long xLast = walk(lo, LAST);
            OptionalLong fit = alignedFit(U64.max(leafKeys[x], lo), U64.min(xLast, hi), length, pageSize);
            if (fit.isPresent()) {
                return fit;
            }
        }
        if (lo == U64.MAX) {
            return OptionalLong.empty();
        }
        int gap = lowest(GAP_FIT, length, lo + 1);
        if (gap < 0 || U64.lessThan(hi, leafKeys[gap])) {
            return OptionalLong.empty();
        }
        // The gap's own capacity is >= length, and capacity grows with the end, so clipping it
        // at hi leaves enough exactly when the capacity up to hi does.
        return alignedFit(leafKeys[gap], hi, length, pageSize);
    }

    /** The registered pieces in address order, as {@code memoryMap()} lists them. */
    List<Piece> registeredPieces() {
        List<Piece> pieces = new ArrayList<>(size); // at most size: the gaps are left out
        collect(root, height, U64.MAX, pieces);
        return pieces;
    }

    private void collect(int node, int level, long hi, List<Piece> pieces) {
        if (level == 0) {
            int base = node << leafBits;
            int end = base + leafCount[node];
            for (int i = base; i < end; i++) {
                if (leafKinds[i] != GAP) {
                    pieces.add(new Piece(leafKeys[i], i + 1 < end ? leafKeys[i + 1] - 1 : hi, leafKinds[i] == ALLOCATED));
                }
            }
            return;
        }
        int base = node << fanoutBits;
        int end = base + innerCount[node];
        for (int i = base; i < end; i++) {
            collect(child(i), level - 1, i + 1 < end ? key(i + 1) - 1 : hi, pieces);
        }
    }

    /**
     * The descent to the piece holding {@code address} (the pieces tile the address space, so
     * there is one): returns its position ({@link #FIND}, {@link #RECORD}) or its last address
     * ({@link #LAST}). Only {@link #RECORD} writes, into the path.
     */
    private long walk(long address, int mode) {
        int node = root;
        long hi = U64.MAX;
        for (int d = 0; d < height; d++) {
            int base = node << fanoutBits;
            int count = innerCount[node];
            int i = base + innerSlot(node, address);
            if (mode == RECORD) {
                pathNode[d] = node;
                pathSlot[d] = i - base;
                pathHi[d] = hi;
            }
            if (i + 1 < base + count) {
                hi = key(i + 1) - 1;
            }
            node = child(i);
        }
        int base = node << leafBits;
        int count = leafCount[node];
        int i = base + leafSlot(node, address);
        if (mode == RECORD) {
            pathNode[height] = node;
            pathHi[height] = hi;
        }
        if (mode == LAST) {
            return i + 1 < base + count ? leafKeys[i + 1] - 1 : hi;
        }
        return i;
    }

    /**
     * The last slot of inner node {@code node} whose key is at most {@code address} (unsigned);
     * the caller knows that the first key is. A scan forward, eight slots at a time and then one
     * at a time, rather than a binary search: each of a binary search's probes waits for the
     * load before it, so a descent is a chain of about log2(n) dependent loads whatever the
     * fanout, and at 10^6 pieces most of them miss the caches. A scan's loads depend on no
     * earlier load (only on the guess that the loop goes on, which is right but once), so the
     * processor issues them ahead and their misses overlap. Measured against the binary search
     * (bench/RESULTS.md, issue 16, third pass): at 10^6 pieces no call slower, touch_1_page and
     * free about twice as fast.
     */
    private int innerSlot(int node, long address) {
        int base = node << fanoutBits;
        return lastAtMost(inner, 2, base, base + innerCount[node], address) - base;
    }

    /** The same for a leaf's pieces. */
    private int leafSlot(int leaf, long address) {
        int base = leaf << leafBits;
        return lastAtMost(leafKeys, 0, base, base + leafCount[leaf], address) - base;
    }

    /**
     * The last position i in {@code [from, end)} whose key {@code keys[i << shift]} is at most
     * {@code address}, given that the first one is: the scan of {@link #innerSlot}, for the
     * inner entries (a key every four longs) and the leaves' keys alike.
     */
    private static int lastAtMost(long[] keys, int shift, int from, int end, long address) {
        int at = from;
        while (at + SKIP < end && U64.atMost(keys[(at + SKIP) << shift], address)) {
            at += SKIP;
        }
        while (at + 1 < end && U64.atMost(keys[(at + 1) << shift], address)) {
            at++;
        }
        return at;
    }

    /**
     * The position of the lowest piece with {@code first >= from} whose own measure is at least
     * {@code k}, or -1. O(log n): at each level the walk starts at the child holding
     * {@code from}; every child after it lies wholly at or above {@code from}, so a descent into
     * one whose cache is {@code >= k} cannot fail, and one whose cache is smaller is skipped
     * after one comparison. So besides the path of {@code from}, at most one descent happens,
     * as in vmalloc's {@code find_vmap_lowest_match}. A node that starts at or above
     * {@code from} (its first key {@code lo}) needs no search for it: every node below the first
     * child taken, and all of them when {@code from} is 0 (allocate, largest).
     */
    private int lowest(int m, long k, long from) {
        return lowestIn(root, height, 0, U64.MAX, m, k, from);
    }

    private int lowestIn(int node, int level, long lo, long hi, int m, long k, long from) {
        boolean inside = U64.lessThan(lo, from);
        if (level == 0) {
            int base = node << leafBits;
            int end = base + leafCount[node];
            int i = base;
            if (inside) {
                i += leafSlot(node, from);
                if (U64.lessThan(leafKeys[i], from)) {
                    i++;
                }
            }
            for (; i < end; i++) {
                long last = i + 1 < end ? leafKeys[i + 1] - 1 : hi;
                if (U64.atMost(k, own(m, leafKinds[i], leafKeys[i], last))) {
                    return i;
                }
            }
            return -1;
        }
        int base = node << fanoutBits;
        int end = base + innerCount[node];
        for (int i = inside ? base + innerSlot(node, from) : base; i < end; i++) {
            if (U64.atMost(k, cached(m, i))) {
                int found = lowestIn(child(i), level - 1, key(i), i + 1 < end ? key(i + 1) - 1 : hi, m, k, from);
                if (found >= 0) {
                    return found;
                }
            }
        }
        return -1;
    }

    /** The longest free run of the whole tree (0 if none). */
    private long rootMaxFreeRun() {
        long longest = 0;
        if (height == 0) {
            int base = root << leafBits;
            int end = base + leafCount[root];
            for (int i = base; i < end; i++) {
                longest = U64.max(longest, own(FREE_RUN, leafKinds[i], leafKeys[i], i + 1 < end ? leafKeys[i + 1] - 1 : U64.MAX));
            }
            return longest;
        }
        int base = root << fanoutBits;
        for (int i = base; i < base + innerCount[root]; i++) {
            longest = U64.max(longest, freeRunAt(i));
        }
        return longest;
    }

    /** The lowest aligned start of {@code length} bytes inside {@code lo..hi}, if any. */
    static OptionalLong alignedFit(long lo, long hi, long length, long pageSize) {
        boolean fits = U64.atMost(length, capacity(lo, hi, pageSize));
        return fits ? OptionalLong.of(alignUp(lo, pageSize)) : OptionalLong.empty();
    }

    /**
     * How many bytes of {@code lo..hi} lie at or above its lowest aligned address (saturated),
     * 0 if it holds none: a gap's capacity (see the class comment). Allocation-free, as it runs
     * for every gap a cache refresh looks at.
     */
    static long capacity(long lo, long hi, long pageSize) {
        long start = alignUp(lo, pageSize);
        boolean wrapped = U64.lessThan(start, lo);
        return wrapped || U64.lessThan(hi, start) ? 0 : length(start, hi);
    }

    /** {@code value} rounded up to a multiple of {@code pageSize}; below value if that passes 2^64. */
    private static long alignUp(long value, long pageSize) {
        return (value + pageSize - 1) & -pageSize;
    }

    /** {@code last - first + 1}, saturated: the full address space counts 2^64 - 1. */
    static long length(long first, long last) {
        long length = last - first + 1;
        return length == 0 ? U64.MAX : length;
    }

    /** A piece's own value of measure m. */
    private long own(int m, byte kind, long first, long last) {
        switch (m) {
            case FREE_RUN:
                return kind == FREE ? length(first, last) : 0;
            case GAP_FIT:
                return kind == GAP ? capacity(first, last, pageSize) : 0;
            default:
                return kind == GAP ? 1 : 0;
        }
    }

    /** The cache of measure m for inner slot i. */
    private long cached(int m, int i) {
        switch (m) {
            case FREE_RUN:
                return freeRunAt(i);
            case GAP_FIT:
                return gapFitAt(i);
            default:
                return hasGapAt(i) ? 1 : 0;
        }
    }

    // Mutation

    /**
     * If {@code first..last} lies inside one piece of kind {@code from}, recolours it {@code to}
     * and returns true; otherwise returns false and changes nothing. Checking and recolouring in
     * one call keeps a rejected call free of side effects and costs one lookup instead of two.
     * The piece is split, and merged with neighbours of kind {@code to}, so that the invariant
     * holds again. The four cases are vmalloc's fit types; in each sketch {@code x} is the piece
     * and {@code <  >} the range.
     */
    boolean repaint(long first, long last, byte from, byte to) {
        if (from == to) {
            throw new IllegalArgumentException("repainting " + KIND_NAMES[from] + " as itself");
        }
        int x = (int) walk(first, RECORD);
        long xFirst = leafKeys[x];
        long xLast = lastOnPath(x);
        if (leafKinds[x] != from || U64.lessThan(xLast, last)) {
            return false;
        }
        boolean atStart = xFirst == first;
        boolean atEnd = xLast == last;
        if (atStart && atEnd) {
            paintWhole(x, xFirst, xLast, to);
        } else if (atStart) {
            paintHead(x, xFirst, last, from, to);
        } else if (atEnd) {
            paintTail(x, first, xLast, to);
        } else {
            paintMiddle(x, first, last, from, to);
        }
        return true;
    }

    /**
     * Full fit: the range is all of x. x takes the new kind, or is absorbed by the neighbours
     * that already have it: deleting a key merges its piece into the one before.
     * <pre>
     *   |  prev  |<   x   >|  next  |
     *   | K or - |         | K or - |
     * </pre>
     */
    private void paintWhole(int x, long xFirst, long xLast, byte kind) {
        boolean joinPrev = kindBefore(x, xFirst) == kind;
        boolean joinNext = kindAfter(x, xLast) == kind;
        if (!joinPrev && !joinNext) {
            leafKinds[x] = kind;
            refreshUp(height);
            return;
        }
        if (joinNext) {
            deletePiece(xLast + 1);
        }
        if (joinPrev) {
            deletePiece(xFirst);
        } else {
            leafKinds[(int) walk(xFirst, RECORD)] = kind;
            refreshUp(height);
        }
    }

    /**
     * Left edge fit: the range is the head of x; x keeps its tail.
     * <pre>
     *   |  prev  |<  >    x   |      prev grows if it has the kind,
     *   |        |    |  x    |      else the head becomes a new piece
     * </pre>
     */
    private void paintHead(int x, long xFirst, long last, byte from, byte kind) {
        if (kindBefore(x, xFirst) == kind) {
            moveKey(x, last + 1);
        } else {
            leafKinds[x] = kind;
            insertAfter(x, last + 1, from);
        }
    }

    /**
     * Right edge fit: the range is the tail of x; x keeps its head.
     * <pre>
     *   |   x    <  >|  next  |      next grows down if it has the kind,
     *   |  x    |    |        |      else the tail becomes a new piece
     * </pre>
     */
    private void paintTail(int x, long first, long xLast, byte kind) {
        if (kindAfter(x, xLast) != kind) {
            insertAfter(x, first, kind);
        } else if (x + 1 < leafEnd()) {
            moveKey(x + 1, first);
        } else {
            moveKey((int) walk(xLast + 1, RECORD), first);
        }
    }

    /**
     * No edge fit: the range is strictly inside x, whose neighbours cannot be touched.
     * <pre>
     *   |    x   <   >   x'  |      x keeps its head, x' (same kind) takes its tail
     * </pre>
     */
    private void paintMiddle(int x, long first, long last, byte from, byte kind) {
        insertAfter(x, last + 1, from);
        insertAfter((int) walk(first, RECORD), first, kind);
    }

    /** The kind of the piece before the one at position x (first address xFirst), or -1 if none. */
    private int kindBefore(int x, long xFirst) {
        if (x > pathNode[height] << leafBits) {
            return leafKinds[x - 1];
        }
        return xFirst == 0 ? -1 : leafKinds[(int) walk(xFirst - 1, FIND)];
    }

    /** The kind of the piece after the one at position x (last address xLast), or -1 if none. */
    private int kindAfter(int x, long xLast) {
        if (x + 1 < leafEnd()) {
            return leafKinds[x + 1];
        }
        return xLast == U64.MAX ? -1 : leafKinds[(int) walk(xLast + 1, FIND)];
    }

    /** One past the last position of the leaf on the path. */
    private int leafEnd() {
        int leaf = pathNode[height];
        return (leaf << leafBits) + leafCount[leaf];
    }

    /** The last address of the piece at position x of the leaf on the path. */
    private long lastOnPath(int x) {
        return x + 1 < leafEnd() ? leafKeys[x + 1] - 1 : pathHi[height];
    }

    /**
     * Moves the first address of the piece at position x (of the leaf on the path) to
     * {@code key}, between its neighbours' keys: the boundary with the piece before moves. When
     * x starts its leaf, the leaf before ends elsewhere now, and its caches are refreshed too.
     * Inside a leaf only the two pieces at the boundary change, so the leaf's caches follow from
     * their measures before and after ({@link #remeasureAfter}) without a look at the others.
     */
    private void moveKey(int x, long key) {
        int base = pathNode[height] << leafBits;
        // A root leaf (height 0) has no caches; propagate then has no level to update.
        if (x > base) {
            // Two adjacent pieces differ in kind, so each measure has at most one of them.
            byte kindA = leafKinds[x - 1];
            byte kindB = leafKinds[x];
            long firstA = leafKeys[x - 1];
            long oldKey = leafKeys[x];
            long lastB = lastOnPath(x);
            leafKeys[x] = key;
            int freeOne = kindA == FREE ? x - 1 : kindB == FREE ? x : -1;
            int gapOne = kindA == GAP ? x - 1 : kindB == GAP ? x : -1;
            long oldFree = freeOne < 0 ? 0 : freeOne < x ? length(firstA, oldKey - 1) : length(oldKey, lastB);
            long newFree = freeOne < 0 ? 0 : freeOne < x ? length(firstA, key - 1) : length(key, lastB);
            long oldGap = gapOne < 0 ? 0 : gapOne < x ? capacity(firstA, oldKey - 1, pageSize) : capacity(oldKey, lastB, pageSize);
            long newGap = gapOne < 0 ? 0 : gapOne < x ? capacity(firstA, key - 1, pageSize) : capacity(key, lastB, pageSize);
            // The kinds stay, and so does "holds a gap".
            propagate(height, false, oldFree, newFree, oldGap, newGap, false, false);
            return;
        }
        leafKeys[x] = key;
        refreshUp(height);
        if (x == base) {
            walk(key - 1, RECORD);
            refreshUp(height);
        }
    }

    /** Deletes the piece starting at {@code address}: the piece before it takes its bytes. */
    private void deletePiece(long address) {
        int y = (int) walk(address, RECORD);
        int leaf = pathNode[height];
        int base = leaf << leafBits;
        int count = leafCount[leaf];
        System.arraycopy(leafKeys, y + 1, leafKeys, y, base + count - y - 1);
        System.arraycopy(leafKinds, y + 1, leafKinds, y, base + count - y - 1);
        leafCount[leaf] = count - 1;
        size--;
        if (height > 0 && count - 1 < minLeaf) {
            rebalance(height);
        } else {
            refreshUp(height);
        }
        if (y == base) {
            walk(address, RECORD);
            refreshUp(height);
        }
    }

    /** Inserts the piece {@code key} of {@code kind} right after position x of the leaf on the path. */
    private void insertAfter(int x, long key, byte kind) {
        int leaf = pathNode[height];
        int slot = x - (leaf << leafBits) + 1;
        int count = leafCount[leaf];
        size++;
        if (count < leafSlots) {
            placeInLeaf(leaf, slot, key, kind);
            refreshUp(height);
            return;
        }
        int right = newLeaf();
        int keep = splitPoint(slot, count, minLeaf);
        moveEntries(true, leaf, keep, right, 0, count - keep);
        leafCount[leaf] = keep;
        leafCount[right] = count - keep;
        if (slot < keep) {
            placeInLeaf(leaf, slot, key, kind);
        } else {
            placeInLeaf(right, slot - keep, key, kind);
        }
        if (height == 0) {
            newRoot(leaf, right);
        } else {
            insertChild(height - 1, pathSlot[height - 1] + 1, right);
        }
    }

    private void placeInLeaf(int leaf, int slot, long key, byte kind) {
        int at = (leaf << leafBits) + slot;
        int count = leafCount[leaf];
        System.arraycopy(leafKeys, at, leafKeys, at + 1, count - slot);
        System.arraycopy(leafKinds, at, leafKinds, at + 1, count - slot);
        leafKeys[at] = key;
        leafKinds[at] = kind;
        leafCount[leaf] = count + 1;
    }

    /**
     * How many of a full node's {@code count} entries stay when it splits for an insertion at
     * {@code slot}: half, or, for an insertion into its last eighth, all but what the new node
     * needs to reach the minimum, so that pieces added in address order (where the insertion
     * point is followed by at most the tail of the piece being cut and the gap above) leave
     * nodes about 80% full behind instead of half full.
     */
    private static int splitPoint(int slot, int count, int min) {
        return slot >= count - Math.max(1, count / 8) ? Math.min(count - 1, count + 1 - min) : count / 2;
    }

    /** Inserts {@code child} at {@code slot} of the inner node at depth d of the path, splitting upwards. */
    private void insertChild(int d, int slot, int child) {
        int node = pathNode[d];
        int count = innerCount[node];
        int childLevel = height - d - 1;
        if (count < fanout) {
            placeInInner(node, slot, child);
            remeasureAll(node, childLevel, pathHi[d]);
            refreshUp(d);
            return;
        }
        int right = newInner();
        int keep = splitPoint(slot, count, minFanout);
        moveEntries(false, node, keep, right, 0, count - keep);
        innerCount[node] = keep;
        innerCount[right] = count - keep;
        if (slot < keep) {
            placeInInner(node, slot, child);
        } else {
            placeInInner(right, slot - keep, child);
        }
        remeasureAll(right, childLevel, pathHi[d]);
        remeasureAll(node, childLevel, key(right << fanoutBits) - 1);
        if (d == 0) {
            newRoot(node, right);
        } else {
            insertChild(d - 1, pathSlot[d - 1] + 1, right);
        }
    }

    private void placeInInner(int node, int slot, int child) {
        int count = innerCount[node];
        int at = (node << fanoutBits) + slot;
        moveEntries(false, node, slot, node, slot + 1, count - slot);
        setChild(at, child);
        innerCount[node] = count + 1;
    }

    /** A new root over the two halves of the old one. */
    private void newRoot(int left, int right) {
        int r = newInner();
        int base = r << fanoutBits;
        setChild(base, left);
        setChild(base + 1, right);
        innerCount[r] = 2;
        root = r;
        height++;
        remeasureAll(r, height - 1, U64.MAX);
    }

    /**
     * The node at depth d of the path (below the root) holds fewer entries than the minimum:
     * it borrows from a sibling, or, if the two fit in one node, they merge and the parent loses
     * an entry (and may in turn fall short, or, as the root, give way to its only child).
     */
    private void rebalance(int d) {
        int parent = pathNode[d - 1];
        int pBase = parent << fanoutBits;
        int slot = pathSlot[d - 1];
        int left = slot > 0 ? slot - 1 : slot;
        int a = child(pBase + left);
        int b = child(pBase + left + 1);
        boolean leaf = d == height;
        int countA = count(leaf, a);
        int countB = count(leaf, b);
        if (countA + countB <= (leaf ? leafSlots : fanout)) {
            moveEntries(leaf, b, 0, a, countA, countB);
            setCount(leaf, a, countA + countB);
            if (leaf) {
                freeLeaf(b);
            } else {
                freeInner(b);
            }
            int parentCount = innerCount[parent];
            moveEntries(false, parent, left + 2, parent, left + 1, parentCount - left - 2);
            innerCount[parent] = parentCount - 1;
        } else {
            int keepA = (countA + countB) / 2;
            if (countA < keepA) {
                moveEntries(leaf, b, 0, a, countA, keepA - countA);
                moveEntries(leaf, b, keepA - countA, b, 0, countB - (keepA - countA));
            } else {
                moveEntries(leaf, b, 0, b, countA - keepA, countB);
                moveEntries(leaf, a, keepA, b, 0, countA - keepA);
            }
            setCount(leaf, a, keepA);
            setCount(leaf, b, countA + countB - keepA);
        }
        remeasureAll(parent, height - d, pathHi[d - 1]);
        if (d == 1) {
            if (innerCount[parent] == 1) {
                root = child(pBase);
                height--;
                freeInner(parent);
            }
        } else if (innerCount[parent] < minFanout) {
            rebalance(d - 1);
        } else {
            refreshUp(d - 1);
        }
    }

    private int count(boolean leaf, int node) {
        return leaf ? leafCount[node] : innerCount[node];
    }

    private void setCount(boolean leaf, int node, int count) {
        if (leaf) {
            leafCount[node] = count;
        } else {
            innerCount[node] = count;
        }
    }


    /** Copies n entries (all their columns) from slot {@code from} of one node to slot {@code to} of another, or the same. */
    private void moveEntries(boolean leaf, int source, int from, int target, int to, int n) {
        if (leaf) {
            int s = (source << leafBits) + from;
            int t = (target << leafBits) + to;
            System.arraycopy(leafKeys, s, leafKeys, t, n);
            System.arraycopy(leafKinds, s, leafKinds, t, n);
        } else {
            int s = (source << fanoutBits) + from;
            int t = (target << fanoutBits) + to;
            System.arraycopy(inner, s << 2, inner, t << 2, n << 2);
        }
    }

    // Caches

    /**
     * After the node at depth {@code depth} of the path changed (its entries, not its place),
     * rewrites its key and caches in its parent, and so on upwards; stops at the first level
     * where both come out as they were, since nothing above depends on anything else of it.
     * Above the first level only one entry of each node changed, so {@link #propagate} updates
     * the caches from that entry's values before and after, without reading the others.
     */
    private void refreshUp(int depth) {
        if (depth == 0) {
            return;
        }
        int at = (pathNode[depth - 1] << fanoutBits) + pathSlot[depth - 1];
        long key = firstKey(pathNode[depth], height - depth);
        boolean keyChanged = key(at) != key;
        setKey(at, key);
        long oldFree = freeRunAt(at);
        long oldGap = gapFitAt(at);
        boolean oldHasGap = hasGapAt(at);
        if (!remeasure(at, height - depth, pathHi[depth]) && !keyChanged) {
            return;
        }
        propagate(depth - 1, keyChanged && pathSlot[depth - 1] == 0, oldFree, freeRunAt(at), oldGap, gapFitAt(at),
                oldHasGap, hasGapAt(at));
    }

    /**
     * Some part of the node at depth {@code depth} of the path changed, its maxima going from
     * {@code oldFree, oldGap, oldHasGap} to the new ones, and nothing else of it, and its first
     * key changed iff {@code keyMoved}: updates its entry in its parent, and so on upwards while
     * anything changes.
     */
    private void propagate(int depth, boolean keyMoved, long oldFree, long newFree, long oldGap, long newGap,
            boolean oldHasGap, boolean newHasGap) {
        long fromFree = oldFree;
        long toFree = newFree;
        long fromGap = oldGap;
        long toGap = newGap;
        boolean fromHasGap = oldHasGap;
        boolean toHasGap = newHasGap;
        boolean moved = keyMoved;
        for (int d = depth; d > 0; d--) {
            int at = (pathNode[d - 1] << fanoutBits) + pathSlot[d - 1];
            boolean keyChanged = false;
            if (moved) {
                // d < height: only refreshUp moves a key, from the level above the one it refreshed.
                long key = key(pathNode[d] << fanoutBits);
                keyChanged = key(at) != key;
                setKey(at, key);
            }
            long free = freeRunAt(at);
            long gap = gapFitAt(at);
            boolean hasGap = hasGapAt(at);
            if (!remeasureAfter(at, height - d, pathHi[d], fromFree, toFree, fromGap, toGap, fromHasGap, toHasGap)
                    && !keyChanged) {
                return;
            }
            moved = keyChanged && pathSlot[d - 1] == 0;
            fromFree = free;
            toFree = freeRunAt(at);
            fromGap = gap;
            toGap = gapFitAt(at);
            fromHasGap = hasGap;
            toHasGap = hasGapAt(at);
        }
    }

    /**
     * The caches of inner slot {@code at} (its child at {@code level}, ending at {@code hi})
     * after a part of the child whose maxima were {@code oldFree, oldGap, oldHasGap} changed to
     * the new ones, the rest staying. A maximum that the part reaches now is the new one; one
     * that the part did not hold stays; only one the part held and lost needs a look at the
     * whole child ({@link #childMax}, for that measure alone; {@link #remeasure} when the
     * child's last gap went), as in an augmented rbtree's propagation. Returns whether the
     * caches changed.
     */
    private boolean remeasureAfter(int at, int level, long hi, long oldFree, long newFree, long oldGap, long newGap,
            boolean oldHasGap, boolean newHasGap) {
        long free = freeRunAt(at);
        long gap = gapFitAt(at);
        boolean hasGap = hasGapAt(at);
        if (oldHasGap && !newHasGap) {
            return remeasure(at, level, hi);
        }
        // A lost maximum, the commonest case being a piece that shrinks where it was the
        // longest, needs a look at that measure alone; store finds out whether anything changed.
        boolean freeLost = U64.lessThan(newFree, free) && oldFree == free;
        boolean gapLost = U64.lessThan(newGap, gap) && oldGap == gap;
        return store(at, freeLost ? childMax(FREE_RUN, at, level, hi) : U64.max(free, newFree),
                gapLost ? childMax(GAP_FIT, at, level, hi) : U64.max(gap, newGap), hasGap || newHasGap);
    }

    /**
     * The maximum of measure {@code m} ({@link #FREE_RUN} or {@link #GAP_FIT}) over the child of
     * inner slot {@code at} (at {@code level}, ending at {@code hi}), as {@link #remeasure}
     * finds it.
     */
    private long childMax(int m, int at, int level, long hi) {
        int child = child(at);
        long max = 0;
        if (level == 0) {
            int base = child << leafBits;
            int end = base + leafCount[child];
            byte kind = m == FREE_RUN ? FREE : GAP; // the only kind whose own measure is not 0
            for (int i = base; i < end; i++) {
                if (leafKinds[i] == kind) {
                    max = U64.max(max, own(m, kind, leafKeys[i], i + 1 < end ? leafKeys[i + 1] - 1 : hi));
                }
            }
            return max;
        }
        // The measure's word of each entry, over the even and the odd entries as in remeasure.
        int e = (child << (fanoutBits + 2)) + (m == FREE_RUN ? 2 : 3);
        int end = e + (innerCount[child] << 2);
        long odd = 0;
        for (; e + 4 < end; e += 8) {
            max = U64.max(max, inner[e]);
            odd = U64.max(odd, inner[e + 4]);
        }
        if (e < end) {
            max = U64.max(max, inner[e]);
        }
        return U64.max(max, odd);
    }

    /** Rewrites the keys and caches of every child of an inner node whose subtree ends at {@code hi}. */
    private void remeasureAll(int node, int childLevel, long hi) {
        int base = node << fanoutBits;
        int end = base + innerCount[node];
        for (int i = base; i < end; i++) {
            setKey(i, firstKey(child(i), childLevel));
        }
        for (int i = base; i < end; i++) {
            remeasure(i, childLevel, i + 1 < end ? key(i + 1) - 1 : hi);
        }
    }

    private long firstKey(int node, int level) {
        return level == 0 ? leafKeys[node << leafBits] : key(node << fanoutBits);
    }

    /**
     * Recomputes the caches of inner slot {@code at} from its child (at {@code level}, 0 for a
     * leaf, ending at {@code hi}): the one place the augmentation is defined, as vmalloc's
     * RB_DECLARE_CALLBACKS_MAX. Returns whether they changed.
     */
    private boolean remeasure(int at, int level, long hi) {
        int child = child(at);
        long freeRun = 0;
        long gapFit = 0;
        boolean hasGap = false;
        if (level == 0) {
            int base = child << leafBits;
            int end = base + leafCount[child];
            for (int i = base; i < end; i++) {
                byte kind = leafKinds[i];
                if (kind != ALLOCATED) {
                    long last = i + 1 < end ? leafKeys[i + 1] - 1 : hi;
                    if (kind == FREE) {
                        freeRun = U64.max(freeRun, length(leafKeys[i], last));
                    } else {
                        hasGap = true;
                        gapFit = U64.max(gapFit, capacity(leafKeys[i], last, pageSize));
                    }
                }
            }
        } else {
            // Two maxima per measure, over the even and the odd entries: a chain of conditional
            // moves half as long (64 entries made it the cost of refreshing a node).
            int e = child << (fanoutBits + 2);
            int end = e + (innerCount[child] << 2);
            long freeOdd = 0;
            long gapOdd = 0;
            long words = 0;
            for (; e + 4 < end; e += 8) {
                freeRun = U64.max(freeRun, inner[e + 2]);
                freeOdd = U64.max(freeOdd, inner[e + 6]);
                gapFit = U64.max(gapFit, inner[e + 3]);
                gapOdd = U64.max(gapOdd, inner[e + 7]);
                words |= inner[e + 1] | inner[e + 5];
            }
            if (e < end) {
                freeRun = U64.max(freeRun, inner[e + 2]);
                gapFit = U64.max(gapFit, inner[e + 3]);
                words |= inner[e + 1];
            }
            freeRun = U64.max(freeRun, freeOdd);
            gapFit = U64.max(gapFit, gapOdd);
            hasGap = (words & HAS_GAP) != 0;
        }
        return store(at, freeRun, gapFit, hasGap);
    }

    /** Writes the caches of inner slot {@code at}; returns whether they changed. */
    private boolean store(int at, long freeRun, long gapFit, boolean hasGap) {
        int e = at << 2;
        long childWord = (inner[e + 1] & ~HAS_GAP) | (hasGap ? HAS_GAP : 0);
        boolean changed = freeRun != inner[e + 2] || gapFit != inner[e + 3] || childWord != inner[e + 1];
        inner[e + 1] = childWord;
        inner[e + 2] = freeRun;
        inner[e + 3] = gapFit;
        return changed;
    }

    // The pools. They grow by a quarter when full (so at most a fifth of a pool is unused
    // capacity, and each slot is copied at most four times on average) and never shrink; freed
    // nodes are reused first.

    private int newLeaf() {
        int leaf;
        if (freeLeaves >= 0) {
            leaf = freeLeaves;
            freeLeaves = (int) leafKeys[leaf << leafBits];
        } else {
            if (leavesUsed == leafCount.length) {
                int capacity = grown(leavesUsed);
                leafKeys = Arrays.copyOf(leafKeys, capacity << leafBits);
                leafKinds = Arrays.copyOf(leafKinds, capacity << leafBits);
                leafCount = Arrays.copyOf(leafCount, capacity);
            }
            leaf = leavesUsed++;
        }
        return leaf;
    }

    private void freeLeaf(int leaf) {
        leafCount[leaf] = 0;
        leafKeys[leaf << leafBits] = freeLeaves;
        freeLeaves = leaf;
    }

    private int newInner() {
        int node;
        if (freeInners >= 0) {
            node = freeInners;
            freeInners = (int) key(node << fanoutBits);
        } else {
            if (innersUsed == innerCount.length) {
                int capacity = grown(innersUsed);
                inner = Arrays.copyOf(inner, capacity << (fanoutBits + 2));
                innerCount = Arrays.copyOf(innerCount, capacity);
            }
            node = innersUsed++;
        }
        return node;
    }

    private void freeInner(int node) {
        innerCount[node] = 0;
        setKey(node << fanoutBits, freeInners);
        freeInners = node;
    }

    private static int grown(int capacity) {
        return capacity + (capacity >> 2) + 1;
    }

    // Self-checks, as vmalloc's DEBUG_AUGMENT_PROPAGATE_CHECK

    /**
     * Recomputes everything: order and tiling, kinds, no two adjacent pieces of one kind, every
     * leaf at one depth, node fill, separator keys, every cache, the piece count, and the pools
     * (each node reachable once or free, never both). O(n).
     */
    void checkInvariants() {
        Check check = new Check();
        if (height < 0 || height >= MAX_DEPTH) {
            throw broken("height " + height);
        }
        checkNode(check, root, height, 0, U64.MAX, true);
        if (check.pieces != size) {
            throw broken("piece count " + size + " but " + check.pieces + " pieces");
        }
        int freeLeafCount = checkFreeList(check.leafSeen, freeLeaves, leafKeys, leafBits, "leaf");
        if (check.leaves + freeLeafCount != leavesUsed) {
            throw broken(check.leaves + " leaves in the tree and " + freeLeafCount + " free, of " + leavesUsed);
        }
        int freeInnerCount = checkFreeList(check.innerSeen, freeInners, inner, fanoutBits + 2, "inner node");
        if (check.inners + freeInnerCount != innersUsed) {
            throw broken(check.inners + " inner nodes in the tree and " + freeInnerCount + " free, of " + innersUsed);
        }
    }

    /** What the check has seen so far, in address order. */
    private final class Check {
        final boolean[] leafSeen = new boolean[leavesUsed];
        final boolean[] innerSeen = new boolean[innersUsed];
        int pieces;
        int leaves;
        int inners;
        int lastKind = -1;
        // The previous piece, described only when a check fails: formatting every piece made the check cost most of a step.
        long lastFirst;
        long lastLast;
        boolean seenPiece;
        // The maxima of the subtree just checked.
        long freeRun;
        long gapFit;
        boolean hasGap;

        String lastPiece() {
            return seenPiece ? describe(lastKind, lastFirst, lastLast) : "";
        }
    }

    /**
     * Checks the subtree of {@code node} at {@code level}, which must cover {@code lo..hi}
     * exactly, and leaves its recomputed maxima in {@code check}.
     */
    private void checkNode(Check check, int node, int level, long lo, long hi, boolean isRoot) {
        boolean leaf = level == 0;
        boolean[] seen = leaf ? check.leafSeen : check.innerSeen;
        if (node < 0 || node >= seen.length || seen[node]) {
            throw broken((leaf ? "leaf " : "inner node ") + node + " is out of the pool or reached twice");
        }
        seen[node] = true;
        int count = count(leaf, node);
        int min = isRoot ? (leaf ? 1 : 2) : (leaf ? minLeaf : minFanout);
        if (count < min || count > (leaf ? leafSlots : fanout)) {
            throw broken((leaf ? "leaf " : "inner node ") + node + " holds " + count + " entries");
        }
        long freeRun = 0;
        long gapFit = 0;
        boolean hasGap = false;
        if (leaf) {
            check.leaves++;
            int base = node << leafBits;
            for (int i = 0; i < count; i++) {
                long first = leafKeys[base + i];
                long last = i + 1 < count ? leafKeys[base + i + 1] - 1 : hi;
                byte kind = leafKinds[base + i];
                if ((i == 0 && first != lo) || (i > 0 && U64.atMost(first, leafKeys[base + i - 1]))
                        || U64.lessThan(last, first)) {
                    throw broken("piece " + describe(kind, first, last) + " does not follow " + check.lastPiece()
                            + " (leaf " + node + " covers " + U64.hex(lo) + ".." + U64.hex(hi) + ")");
                }
                if (kind < 0 || kind > GAP) {
                    throw broken("piece " + describe(kind, first, last) + " has no kind");
                }
                if (kind == check.lastKind) {
                    throw broken("adjacent pieces of one kind: " + check.lastPiece() + " " + describe(kind, first, last));
                }
                freeRun = U64.max(freeRun, own(FREE_RUN, kind, first, last));
                gapFit = U64.max(gapFit, own(GAP_FIT, kind, first, last));
                hasGap |= kind == GAP;
                check.lastKind = kind;
                check.lastFirst = first;
                check.lastLast = last;
                check.seenPiece = true;
                check.pieces++;
            }
        } else {
            check.inners++;
            int base = node << fanoutBits;
            for (int i = base; i < base + count; i++) {
                long childLo = key(i);
                long childHi = i + 1 < base + count ? key(i + 1) - 1 : hi;
                if ((i == base && childLo != lo) || (i > base && U64.atMost(childLo, key(i - 1)))) {
                    throw broken("inner node " + node + " has key " + U64.hex(childLo) + " in slot " + (i - base)
                            + " (it covers " + U64.hex(lo) + ".." + U64.hex(hi) + ")");
                }
                checkNode(check, child(i), level - 1, childLo, childHi, false);
                if (freeRunAt(i) != check.freeRun || gapFitAt(i) != check.gapFit || hasGapAt(i) != check.hasGap) {
                    throw broken("inner node " + node + " caches (" + U64.hex(freeRunAt(i)) + ", " + U64.hex(gapFitAt(i))
                            + ", " + hasGapAt(i) + ") for slot " + (i - base) + ", recomputed (" + U64.hex(check.freeRun)
                            + ", " + U64.hex(check.gapFit) + ", " + check.hasGap + ")");
                }
                freeRun = U64.max(freeRun, check.freeRun);
                gapFit = U64.max(gapFit, check.gapFit);
                hasGap |= check.hasGap;
            }
        }
        check.freeRun = freeRun;
        check.gapFit = gapFit;
        check.hasGap = hasGap;
    }

    private static String describe(int kind, long first, long last) {
        return (kind >= 0 && kind <= GAP ? KIND_NAMES[kind] : "kind " + kind) + "[" + U64.hex(first) + ".." + U64.hex(last) + "]";
    }

    /** Walks a free list: every node on it in the pool, not in the tree, not twice; returns its length. */
    private static int checkFreeList(boolean[] seen, int head, long[] keys, int bits, String what) {
        int length = 0;
        for (int node = head; node >= 0; node = (int) keys[node << bits]) {
            if (node >= seen.length || seen[node]) {
                throw broken("free " + what + " " + node + " is out of the pool, in the tree or listed twice");
            }
            seen[node] = true;
            length++;
        }
        return length;
    }

    private static IllegalStateException broken(String what) {
        return new IllegalStateException("PieceTree invariant broken: " + what);
    }
}
