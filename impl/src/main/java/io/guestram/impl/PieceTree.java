package io.guestram.impl;

import io.guestram.Piece;
import io.guestram.U64;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Invariant: pieces are ordered by {@code first} and tile all 2^64 addresses; no two adjacent
 * pieces share a kind; each node caches, over its subtree, the longest free run and the largest
 * aligned gap capacity (an empty subtree counting 0), whether the subtree holds a gap, and its
 * AVL height (the children's heights differing by at most one).
 *
 * <p>The whole guest address space {@code [0, 2^64)} as maximal pieces of three kinds:
 * {@link #FREE} and {@link #ALLOCATED} registered bytes, and {@link #GAP}s of unregistered bytes
 * between (and around) registrations. Because the pieces tile the address space and adjacent
 * pieces differ in kind, a free piece is a maximal free run even across two adjacent
 * registrations, and a gap is a maximal run of unregistered bytes. A fresh tree is one gap.
 *
 * <p>The tree is an AVL tree (Adelson-Velsky and Landis) keyed by {@code first}, augmented as
 * Linux's {@code mm/vmalloc.c} free-area tree augments its red-black tree with
 * {@code subtree_max_size}: the cached maxima let {@link #lowestFreeRun} and
 * {@link #lowestAlignedFit} find the lowest piece that is long enough in O(log n) by never
 * descending into a subtree whose maximum is too small. AVL rather than red-black because the
 * recursive insert and remove keep every cache refreshed on the way back up, with no parent
 * pointers (a node is 56 bytes with compressed oops). Height is at most 1.44 log2(n + 2), so
 * every operation here is O(log n) in the worst case, n being the number of pieces.
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
 * <p>Mutation is {@link #repaint}: every call of the interface that changes the state recolours
 * a range lying inside one piece. After a node's fields change, the caches are stale exactly on
 * the path from it to the root (rotations recompute from children, so staleness stays on that
 * path), and {@link #refresh} recomputes that path. An insertion beside a changed node does the
 * same for free: the search path of a new key passes through its in-order neighbours, and
 * insertion recomputes its whole path, so the paint cases that insert need no refresh. The
 * commonest repaint only moves the boundary between a piece and a neighbour (the calls that
 * take a page off a piece and give it to the piece below): two neighbours in key order are
 * ancestor and descendant, so repaint finds both on one descent, keeps that path, and
 * refreshes it bottom-up ({@link #refreshPath}) instead of walking from the root again. On a
 * tree larger than the caches each walk from the root costs a cache miss per level.
 *
 * <p>Not thread-safe.
 */
final class PieceTree {

    static final byte FREE = 0;
    static final byte ALLOCATED = 1;
    static final byte GAP = 2;

    private static final String[] KIND_NAMES = {"FREE", "ALLOCATED", "GAP"};

    /**
     * Longer than any AVL search path: with fewer than 2^31 nodes the height is at most
     * 1.44 log2(2^31 + 2) < 46.
     */
    private static final int MAX_PATH = 64;

    private final long pageSize;
    private Node root;
    private int size;

    /**
     * The nodes of the last {@link #descend}: {@code path[0]} is the root and
     * {@code path[found]} the piece found, possibly extended below it to a neighbour. Kept
     * between calls so that a repaint allocates nothing, and valid only until the tree's shape
     * changes. A repaint that only moves a boundary refreshes the caches along it bottom-up,
     * so it walks from the root once instead of once per lookup and once per refresh.
     */
    private final Node[] path = new Node[MAX_PATH];
    private int pathLength;
    /** Where the last descent last went left (the found piece's successor if it has no right child), or -1. */
    private int lastLeftTurn;
    /** Where the last descent last went right (the found piece's predecessor if it has no left child), or -1. */
    private int lastRightTurn;

    PieceTree(long pageSize) {
        this.pageSize = pageSize;
        this.root = newNode(0, U64.MAX, GAP);
        this.size = 1;
    }

    /** The number of pieces, gaps included. */
    int size() {
        return size;
    }

    // Queries

    /** True iff some byte of {@code first..last} is unregistered. */
    boolean anyGapIn(long first, long last) {
        Node x = pieceAt(first);
        if (x.kind == GAP) {
            return true;
        }
        if (U64.atMost(last, x.last)) {
            return false;
        }
        Node gap = lowest(root, Measure.GAP_PRESENT, 1, x.last + 1);
        return gap != null && U64.atMost(gap.first, last);
    }

    /** The start of the lowest free run of at least {@code length} bytes ({@code length > 0}). */
    OptionalLong lowestFreeRun(long length) {
        Node x = lowest(root, Measure.FREE_RUN, length, 0);
        return x == null ? OptionalLong.empty() : OptionalLong.of(x.first);
    }

    /** The longest free run, the lowest among equals, or null if nothing is free. */
    Piece largestFreeRun() {
        long longest = cached(root, Measure.FREE_RUN);
        if (longest == 0) {
            return null;
        }
        Node x = lowest(root, Measure.FREE_RUN, longest, 0);
        return new Piece(x.first, x.last, false);
    }

    /**
     * The lowest page-aligned start of {@code length > 0} unregistered bytes inside the window
     * {@code lo..hi}. Two point lookups and one descent: the gap holding {@code lo} is clipped
     * by the window and checked by hand; past it, the lowest gap whose whole capacity suffices
     * either lies inside the window (its aligned start is the answer), or holds {@code hi}
     * (clipped: check by hand; no later gap is in the window), or lies beyond it (no fit).
     */
    OptionalLong lowestAlignedFit(long lo, long hi, long length) {
        Node x = pieceAt(lo);
        if (x.kind == GAP) {
            OptionalLong fit = alignedFit(U64.max(x.first, lo), U64.min(x.last, hi), length, pageSize);
            if (fit.isPresent()) {
                return fit;
            }
        }
        if (U64.atMost(hi, x.last)) {
            return OptionalLong.empty();
        }
        Node gap = lowest(root, Measure.GAP_FIT, length, x.last + 1);
        if (gap == null || U64.lessThan(hi, gap.first)) {
            return OptionalLong.empty();
        }
        return alignedFit(gap.first, U64.min(gap.last, hi), length, pageSize);
    }

    /** The registered pieces in address order, as {@code memoryMap()} lists them. */
    List<Piece> registeredPieces() {
        List<Piece> pieces = new ArrayList<>();
        for (Node x : inOrder()) {
            if (x.kind != GAP) {
                pieces.add(new Piece(x.first, x.last, x.kind == ALLOCATED));
            }
        }
        return pieces;
    }

    /**
     * The piece holding {@code address}; the pieces tile the address space, so there is one.
     * Unlike {@link #descend} it writes nothing, as queries may run at once on several threads
     * under {@link ConcurrentGuestRam}'s read lock.
     */
    private Node pieceAt(long address) {
        Node t = root;
        while (true) {
            if (U64.lessThan(address, t.first)) {
                t = t.left;
            } else if (U64.lessThan(t.last, address)) {
                t = t.right;
            } else {
                return t;
            }
        }
    }

    /**
     * The lowest node with {@code first >= from} whose own measure is at least {@code k}, or
     * null. O(log n): the walk follows the search path of {@code from}; every subtree hanging
     * right of that path lies wholly at or above {@code from}, so a descent into one whose
     * cached maximum is {@code >= k} cannot fail, and one whose maximum is smaller is skipped
     * after one comparison. So at most one such descent happens, as in vmalloc's
     * {@code find_vmap_lowest_match}.
     */
    private Node lowest(Node t, Measure m, long k, long from) {
        if (t == null || U64.lessThan(cached(t, m), k)) {
            return null;
        }
        if (U64.lessThan(t.first, from)) {
            return lowest(t.right, m, k, from);
        }
        Node found = lowest(t.left, m, k, from);
        if (found != null) {
            return found;
        }
        return U64.atMost(k, own(t, m)) ? t : lowest(t.right, m, k, from);
    }

    /** The lowest aligned start of {@code length} bytes inside {@code lo..hi}, if any. */
    static OptionalLong alignedFit(long lo, long hi, long length, long pageSize) {
        boolean fits = U64.atMost(length, capacity(lo, hi, pageSize));
        return fits ? OptionalLong.of(alignUp(lo, pageSize)) : OptionalLong.empty();
    }

    /**
     * How many bytes of {@code lo..hi} lie at or above its lowest aligned address (saturated),
     * 0 if it holds none: a gap's capacity (see the class comment). Allocation-free, as it runs
     * for every node a rotation or refresh recomputes.
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
        Node x = descend(first);
        if (x.kind != from || U64.lessThan(x.last, last)) {
            return false;
        }
        boolean atStart = x.first == first;
        boolean atEnd = x.last == last;
        if (atStart && atEnd) {
            paintWhole(x, to);
        } else if (atStart) {
            paintHead(x, last, to);
        } else if (atEnd) {
            paintTail(x, first, to);
        } else {
            paintMiddle(x, first, last, to);
        }
        return true;
    }

    /**
     * Full fit: the range is all of x. x takes the new kind, or is absorbed by the neighbours
     * that already have it; the lower survivor grows, so that no key changes.
     * <pre>
     *   |  prev  |<   x   >|  next  |
     *   | K or - |         | K or - |
     * </pre>
     */
    private void paintWhole(Node x, byte kind) {
        int found = pathLength - 1;
        Node prev = nodeOnPath(predecessorOnPath());
        pathLength = found + 1;
        Node next = nodeOnPath(successorOnPath());
        boolean joinPrev = prev != null && prev.kind == kind;
        boolean joinNext = next != null && next.kind == kind;
        Node keep = joinPrev ? prev : x;
        keep.kind = kind;
        keep.last = joinNext ? next.last : x.last;
        if (joinNext) {
            remove(next);
        }
        if (joinPrev) {
            remove(x);
        }
        refresh(keep);
    }

    /**
     * Left edge fit: the range is the head of x; x keeps its tail.
     * <pre>
     *   |  prev  |<  >    x   |      prev grows if it has the kind,
     *   |        |    |  x    |      else the head becomes a new piece
     * </pre>
     */
    private void paintHead(Node x, long last, byte kind) {
        int xAt = pathLength - 1;
        int prevAt = predecessorOnPath();
        Node prev = nodeOnPath(prevAt);
        if (prev != null && prev.kind == kind) {
            prev.last = last;
            x.first = last + 1;
            refreshBoundary(prevAt, xAt);
        } else {
            Node head = newNode(x.first, last, kind);
            x.first = last + 1;
            insert(head);
        }
    }

    /**
     * Right edge fit: the range is the tail of x; x keeps its head.
     * <pre>
     *   |   x    <  >|  next  |      next grows down if it has the kind,
     *   |  x    |    |        |      else the tail becomes a new piece
     * </pre>
     */
    private void paintTail(Node x, long first, byte kind) {
        int xAt = pathLength - 1;
        int nextAt = successorOnPath();
        Node next = nodeOnPath(nextAt);
        long oldLast = x.last;
        x.last = first - 1;
        if (next != null && next.kind == kind) {
            next.first = first;
            refreshBoundary(xAt, nextAt);
        } else {
            insert(newNode(first, oldLast, kind));
        }
    }

    /**
     * No edge fit: the range is strictly inside x, whose neighbours cannot be touched.
     * <pre>
     *   |    x   <   >   x'  |      x keeps its head, x' (same kind) takes its tail
     * </pre>
     */
    private void paintMiddle(Node x, long first, long last, byte kind) {
        Node tail = newNode(last + 1, x.last, x.kind);
        x.last = first - 1;
        insert(newNode(first, last, kind));
        insert(tail);
    }

    // The search path

    /**
     * {@link #pieceAt}, recording the path in {@link #path} and the last left and right turns,
     * which are the found piece's neighbours when it has no child on that side.
     */
    private Node descend(long address) {
        Node t = root;
        int at = 0;
        int left = -1;
        int right = -1;
        while (true) {
            path[at] = t;
            if (U64.lessThan(address, t.first)) {
                left = at;
                t = t.left;
            } else if (U64.lessThan(t.last, address)) {
                right = at;
                t = t.right;
            } else {
                break;
            }
            at++;
        }
        pathLength = at + 1;
        lastLeftTurn = left;
        lastRightTurn = right;
        return t;
    }

    /**
     * The index on the path of the found piece's in-order predecessor, extending the path down
     * to it when it lies in the found piece's left subtree, or -1 for the lowest piece. Two
     * neighbours in key order are always ancestor and descendant, so both lie on the path.
     */
    private int predecessorOnPath() {
        Node t = path[pathLength - 1].left;
        if (t == null) {
            return lastRightTurn;
        }
        while (true) {
            path[pathLength++] = t;
            if (t.right == null) {
                return pathLength - 1;
            }
            t = t.right;
        }
    }

    /** The mirror image of {@link #predecessorOnPath}: the successor's index, or -1 for the highest piece. */
    private int successorOnPath() {
        Node t = path[pathLength - 1].right;
        if (t == null) {
            return lastLeftTurn;
        }
        while (true) {
            path[pathLength++] = t;
            if (t.left == null) {
                return pathLength - 1;
            }
            t = t.left;
        }
    }

    private Node nodeOnPath(int at) {
        return at < 0 ? null : path[at];
    }

    /**
     * Refreshes the caches after the boundary between the path nodes at {@code lowerAt} and
     * {@code upperAt} (neighbours in key order) moved. An allocated piece measures 0 at any
     * length, so only a free piece or a gap changes a cache: mark_allocated and free move a
     * boundary with an allocated piece on one side, and their refresh starts at the other.
     */
    private void refreshBoundary(int lowerAt, int upperAt) {
        boolean lowerMeasured = path[lowerAt].kind != ALLOCATED;
        boolean upperMeasured = path[upperAt].kind != ALLOCATED;
        if (lowerMeasured && upperMeasured) {
            refreshPath(Math.max(lowerAt, upperAt), Math.min(lowerAt, upperAt));
        } else if (lowerMeasured || upperMeasured) {
            int changedAt = lowerMeasured ? lowerAt : upperAt;
            refreshPath(changedAt, changedAt);
        }
    }

    /**
     * Recomputes the caches of {@code path[from]} and its ancestors, bottom-up. Only measures
     * changed, not the shape, so once a node at or above {@code through} (the highest changed
     * node) comes out as it was, every node above it would too, and the walk stops there.
     */
    private void refreshPath(int from, int through) {
        for (int at = from; at >= 0; at--) {
            if (!update(path[at]) && at <= through) {
                return;
            }
        }
    }

    // Augmentation

    /** What a subtree caches the maximum of; a node's own value depends on that node alone. */
    private enum Measure {
        /** A free piece's length, saturated at 2^64 - 1. */
        FREE_RUN,
        /** A gap's aligned capacity: the most bytes an aligned start inside it can hold. */
        GAP_FIT,
        /** 1 for a gap of any length, else 0: "the subtree holds a gap". */
        GAP_PRESENT
    }

    /** The node's own value of {@code m}. */
    private long own(Node x, Measure m) {
        switch (m) {
            case FREE_RUN:
                return x.kind == FREE ? length(x.first, x.last) : 0;
            case GAP_FIT:
                return x.kind == GAP ? capacity(x.first, x.last, pageSize) : 0;
            default:
                return x.kind == GAP ? 1 : 0;
        }
    }

    /** The subtree's cached maximum of {@code m}; an empty subtree counts 0. */
    private static long cached(Node t, Measure m) {
        if (t == null) {
            return 0;
        }
        switch (m) {
            case FREE_RUN:
                return t.maxFreeRun;
            case GAP_FIT:
                return t.maxGapFit;
            default:
                return t.hasGap ? 1 : 0;
        }
    }

    /**
     * Recomputes t's height and caches from its own piece and its children's caches: the one
     * place the augmentation is defined, as vmalloc's RB_DECLARE_CALLBACKS_MAX over
     * {@code subtree_max_size}. Every rotation, insertion, removal and refresh goes through it.
     * Returns whether anything changed, which lets {@link #refreshPath} stop early.
     */
    private boolean update(Node t) {
        long oldFreeRun = t.maxFreeRun;
        long oldGapFit = t.maxGapFit;
        boolean oldHasGap = t.hasGap;
        byte oldHeight = t.height;
        t.height = 1;
        t.maxFreeRun = own(t, Measure.FREE_RUN);
        t.maxGapFit = own(t, Measure.GAP_FIT);
        t.hasGap = t.kind == GAP;
        absorb(t, t.left);
        absorb(t, t.right);
        return t.maxFreeRun != oldFreeRun || t.maxGapFit != oldGapFit
                || t.hasGap != oldHasGap || t.height != oldHeight;
    }

    /** Folds a child's height and caches into its parent's. */
    private static void absorb(Node t, Node child) {
        if (child != null) {
            t.height = (byte) Math.max(t.height, child.height + 1);
            t.maxFreeRun = U64.max(t.maxFreeRun, child.maxFreeRun);
            t.maxGapFit = U64.max(t.maxGapFit, child.maxGapFit);
            t.hasGap |= child.hasGap;
        }
    }

    private Node newNode(long first, long last, byte kind) {
        Node n = new Node(first, last, kind);
        update(n);
        return n;
    }

    /** {@code last - first + 1}, saturated: the full address space counts 2^64 - 1. */
    static long length(long first, long last) {
        long length = last - first + 1;
        return length == 0 ? U64.MAX : length;
    }

    // AVL mechanics. The null-safe helpers (height, cached) let an empty subtree count as
    // height 0 and measure 0, as vmalloc's get_subtree_max_size does.

    private void insert(Node n) {
        root = insert(root, n);
        size++;
    }

    private void remove(Node n) {
        root = remove(root, n.first);
        size--;
    }

    /** Recomputes the caches on the path from the root to {@code n}, after n itself changed. */
    private void refresh(Node n) {
        refresh(root, n.first);
    }

    private void refresh(Node t, long first) {
        int c = U64.compare(first, t.first);
        if (c != 0) {
            refresh(c < 0 ? t.left : t.right, first);
        }
        update(t);
    }

    private Node insert(Node t, Node n) {
        if (t == null) {
            return n;
        }
        if (U64.lessThan(n.first, t.first)) {
            t.left = insert(t.left, n);
        } else {
            t.right = insert(t.right, n);
        }
        return rebalance(t);
    }

    /**
     * Removes the node keyed {@code first}. One with two children is replaced by its in-order
     * successor node itself, not by a copy of the successor's fields as in TreeMap, so that a
     * caller's references to other nodes stay valid.
     */
    private Node remove(Node t, long first) {
        int c = U64.compare(first, t.first);
        if (c < 0) {
            t.left = remove(t.left, first);
        } else if (c > 0) {
            t.right = remove(t.right, first);
        } else if (t.left == null || t.right == null) {
            return t.left == null ? t.right : t.left;
        } else {
            Node successor = leftmost(t.right);
            successor.right = removeLeftmost(t.right);
            successor.left = t.left;
            t = successor;
        }
        return rebalance(t);
    }

    private static Node leftmost(Node t) {
        while (t.left != null) {
            t = t.left;
        }
        return t;
    }

    private Node removeLeftmost(Node t) {
        if (t.left == null) {
            return t.right;
        }
        t.left = removeLeftmost(t.left);
        return rebalance(t);
    }

    /** Restores the AVL balance at t, whose subtrees are balanced and differ in height by at most 2. */
    private Node rebalance(Node t) {
        int balance = height(t.left) - height(t.right);
        if (balance > 1) {
            if (height(t.left.left) < height(t.left.right)) {
                t.left = rotateLeft(t.left);
            }
            return rotateRight(t);
        }
        if (balance < -1) {
            if (height(t.right.right) < height(t.right.left)) {
                t.right = rotateRight(t.right);
            }
            return rotateLeft(t);
        }
        update(t);
        return t;
    }

    /**
     * <pre>
     *       t            l
     *      / \          / \
     *     l   c   -&gt;   a   t
     *    / \              / \
     *   a   b            b   c
     * </pre>
     */
    private Node rotateRight(Node t) {
        Node l = t.left;
        t.left = l.right;
        l.right = t;
        update(t);
        update(l);
        return l;
    }

    /** The mirror image of {@link #rotateRight}. */
    private Node rotateLeft(Node t) {
        Node r = t.right;
        t.right = r.left;
        r.left = t;
        update(t);
        update(r);
        return r;
    }

    private static int height(Node t) {
        return t == null ? 0 : t.height;
    }

    // Self-checks, as vmalloc's DEBUG_AUGMENT_PROPAGATE_CHECK and DEBUG_AUGMENT_LOWEST_MATCH_CHECK

    /**
     * Recomputes every node: ordering and tiling, no two adjacent pieces of one kind, AVL
     * heights and balance, every cached maximum, and the piece count. O(n).
     */
    void checkInvariants() {
        List<Node> nodes = inOrder();
        if (nodes.size() != size) {
            throw broken("piece count " + size + " but " + nodes.size() + " nodes");
        }
        long expectedFirst = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Node x = nodes.get(i);
            if (x.first != expectedFirst || U64.lessThan(x.last, x.first)) {
                throw broken("piece " + x + " does not start at " + U64.hex(expectedFirst));
            }
            if (i > 0 && nodes.get(i - 1).kind == x.kind) {
                throw broken("adjacent pieces of one kind: " + nodes.get(i - 1) + " " + x);
            }
            expectedFirst = x.last + 1;
        }
        if (nodes.get(nodes.size() - 1).last != U64.MAX) {
            throw broken("the last piece " + nodes.get(nodes.size() - 1) + " does not end at 2^64 - 1");
        }
        checkSubtree(root);
    }

    /** Checks heights, balance and caches below t bottom-up; returns t's height. */
    private int checkSubtree(Node t) {
        if (t == null) {
            return 0;
        }
        int left = checkSubtree(t.left);
        int right = checkSubtree(t.right);
        if (Math.abs(left - right) > 1 || t.height != 1 + Math.max(left, right)) {
            throw broken("node " + t + " has height " + t.height + " over subtrees of " + left + " and " + right);
        }
        for (Measure m : Measure.values()) {
            long expected = U64.max(own(t, m), U64.max(cached(t.left, m), cached(t.right, m)));
            if (cached(t, m) != expected) {
                throw broken("node " + t + " caches " + m + " " + U64.hex(cached(t, m))
                        + ", recomputed " + U64.hex(expected));
            }
        }
        return t.height;
    }

    /** The linear-scan oracle for {@link #lowestFreeRun}. */
    OptionalLong lowestFreeRunByScan(long length) {
        for (Node x : inOrder()) {
            if (x.kind == FREE && U64.atMost(length, own(x, Measure.FREE_RUN))) {
                return OptionalLong.of(x.first);
            }
        }
        return OptionalLong.empty();
    }

    /** The linear-scan oracle for {@link #lowestAlignedFit}: every gap, clipped by the window. */
    OptionalLong lowestAlignedFitByScan(long lo, long hi, long length) {
        for (Node x : inOrder()) {
            boolean meets = U64.atMost(x.first, hi) && U64.atMost(lo, x.last);
            if (x.kind == GAP && meets) {
                OptionalLong fit = alignedFit(U64.max(x.first, lo), U64.min(x.last, hi), length, pageSize);
                if (fit.isPresent()) {
                    return fit;
                }
            }
        }
        return OptionalLong.empty();
    }

    private List<Node> inOrder() {
        List<Node> nodes = new ArrayList<>(size);
        collect(root, nodes);
        return nodes;
    }

    private static void collect(Node t, List<Node> nodes) {
        if (t != null) {
            collect(t.left, nodes);
            nodes.add(t);
            collect(t.right, nodes);
        }
    }

    private static IllegalStateException broken(String what) {
        return new IllegalStateException("PieceTree invariant broken: " + what);
    }

    /**
     * One piece: {@code first..last} inclusive, so that a piece may end at 2^64 - 1. The key,
     * {@code first}, is changed in place only when no other key lies between its old and new
     * value, which keeps the search order. 12 + 4 * 8 + 2 * 4 + 3 = 55 bytes, padded to 56.
     */
    private static final class Node {
        long first;
        long last;
        /** The subtree's longest free run. */
        long maxFreeRun;
        /** The subtree's largest gap capacity. */
        long maxGapFit;
        Node left;
        Node right;
        byte kind;
        byte height;
        boolean hasGap;

        Node(long first, long last, byte kind) {
            this.first = first;
            this.last = last;
            this.kind = kind;
        }

        @Override
        public String toString() {
            return KIND_NAMES[kind] + "[" + U64.hex(first) + ".." + U64.hex(last) + "]";
        }
    }
}
