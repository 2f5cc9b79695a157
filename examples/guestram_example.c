/*
 * guestram_example.c: a guest RAM of profile `spec` speaking the guestram driver protocol,
 * version 1 (docs/protocol.md), on stdin/stdout. Plain C11 and libc only.
 *
 *   gcc -O2 -std=c11 -Wall -Wextra -o guestram_example examples/guestram_example.c
 *   ./guestram conform --exec ./guestram_example
 *
 * State: the registered bytes R and the allocated bytes A (A inside R), each a sorted array of
 * disjoint, non-adjacent inclusive runs [first, last], and guest memory as 4 KiB blocks made on
 * first write (unwritten bytes read 0). All arithmetic is unsigned 64-bit and never wraps: a
 * range (s, n) is valid iff n > 0 and its last byte s + n - 1 is at most the last address.
 *
 * Built with -DBROKEN, find_largest_free_region gives ties to the highest run instead of the
 * lowest (a `>=` where `>` belongs): the kind of slip the conformance engine is there to catch.
 *
 * Built with -DMUTANT=N (and -DMUTANT2=N, -DMUTANT3=N to combine), one of the realistic slips
 * marked MUT(N) below is compiled in: MutantsTest (protocol module) checks that the default
 * campaign catches each one. Without those flags MUT(N) is 0 and the mutants compile away.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX64 UINT64_MAX

#ifndef MUTANT
#define MUTANT 0
#endif
#ifndef MUTANT2
#define MUTANT2 0
#endif
#ifndef MUTANT3
#define MUTANT3 0
#endif
#define MUT(n) (MUTANT == (n) || MUTANT2 == (n) || MUTANT3 == (n))

typedef struct { uint64_t first, last; } Run;
typedef struct { Run *v; size_t n, cap; } Set;

static Set windows, R, A; /* the anonymous windows, the registered and the allocated bytes */

static void *xrealloc(void *p, size_t size) {
    p = realloc(p, size);
    if (!p) { fputs("out of memory\n", stderr); exit(70); }
    return p;
}

/* ---- sets of addresses as sorted runs ----------------------------------------------------- */

static void push(Set *s, uint64_t first, uint64_t last) {
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = (Run){first, last};
}

static void replace(Set *s, Set *with) { free(s->v); *s = *with; }

static bool intersects(const Set *s, uint64_t f, uint64_t l) {
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].first <= l && f <= s->v[i].last) return true;
    return false;
}

static bool contains_all(const Set *s, uint64_t f, uint64_t l) {
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].first <= f && l <= s->v[i].last) return true;
    return false;
}

/* Adds [f, l], merging every run it overlaps or touches. */
static bool largest_cached;

static void add(Set *s, uint64_t f, uint64_t l) {
    if (s == &A) largest_cached = false;
    Set out = {0};
    bool placed = false;
    for (size_t i = 0; i < s->n; i++) {
        Run r = s->v[i];
        bool touches = (r.first <= l && f <= r.last)
                       || (!MUT(6) && ((r.last != MAX64 && r.last + 1 == f) || (l != MAX64 && l + 1 == r.first)));
        if (touches) {
            if (r.first < f) f = r.first;
            if (r.last > l) l = r.last;
            continue;
        }
        if (!placed && r.first > l) { push(&out, f, l); placed = true; }
        push(&out, r.first, r.last);
    }
    if (!placed) push(&out, f, l);
    replace(s, &out);
}

/* Removes [f, l], splitting the runs it cuts. */
static void remove_range(Set *s, uint64_t f, uint64_t l) {
    if (s == &A) largest_cached = false;
    Set out = {0};
    for (size_t i = 0; i < s->n; i++) {
        Run r = s->v[i];
        if (r.last < f || l < r.first) { push(&out, r.first, r.last); continue; }
        if (r.first < f) push(&out, r.first, f - 1);
        if (l < r.last && !(MUT(16) && s == &A && r.first < f)) push(&out, l + 1, r.last);
    }
    replace(s, &out);
}

/* ---- guest memory: 4 KiB blocks in a chained hash table ----------------------------------- */

#define BUCKETS 1024
typedef struct Block { uint64_t key; struct Block *next; unsigned char bytes[4096]; } Block;
static Block *buckets[BUCKETS];

static Block *block(uint64_t address, bool create) {
    uint64_t key = address >> 12;
    Block **head = &buckets[(key * 0x9E3779B97F4A7C15u) >> 54];
    for (Block *b = *head; b; b = b->next)
        if (b->key == key) return b;
    if (!create) return NULL;
    Block *b = xrealloc(NULL, sizeof *b);
    memset(b, 0, sizeof *b);
    b->key = key;
    b->next = *head;
    *head = b;
    return b;
}

static unsigned get_byte(uint64_t a) { Block *b = block(a, false); return b ? b->bytes[a & 4095] : 0; }
static void set_byte(uint64_t a, unsigned v) { block(a, true)->bytes[a & 4095] = (unsigned char)v; }

/* ---- the guest RAM ------------------------------------------------------------------------ */

static uint64_t page, last_address;
static bool open_session;
static uint64_t cached_start, cached_size; /* MUT(14) only: a cache register_at and register forget to clear */

enum { OK, INVALID_RANGE, OVERLAP, NO_SPACE, NOT_RAM, ALREADY_ALLOCATED, NOT_ALLOCATED, NO_FREE_REGION };
static const char *const CODES[] = {"", "INVALID_RANGE", "OVERLAP", "NO_SPACE", "NOT_RAM",
                                    "ALREADY_ALLOCATED", "NOT_ALLOCATED", "NO_FREE_REGION"};

static void reset(void) {
    R.n = A.n = 0;
    largest_cached = false;
    for (int i = 0; i < BUCKETS; i++)
        while (buckets[i]) { Block *next = buckets[i]->next; free(buckets[i]); buckets[i] = next; }
}

static bool valid(uint64_t s, uint64_t n) {
    if (MUT(15)) return n > 0 && s + n - 1 <= last_address; /* wraps past 2^64 */
    if (MUT(3)) return n > 0 && s <= last_address && n - 1 < last_address - s; /* the last byte is refused */
    return n > 0 && s <= last_address && n - 1 <= last_address - s;
}

static int register_at(uint64_t s, uint64_t n) {
    if (!valid(s, n)) return INVALID_RANGE;
    if (intersects(&R, s, s + n - 1 - (MUT(2) && n > 1))) return OVERLAP;
    add(&R, s, s + n - 1);
    return OK;
}

/* The lowest page-aligned start in w for n bytes clear of R: only the window's start and the
 * ends of registered runs can be lowest, so only those are tried. */
static bool fit(Run w, uint64_t n, uint64_t *best) {
    bool found = false;
    for (size_t i = MUT(21) && R.n > 0; i <= R.n; i++) { /* MUT(21): the window's start is not tried */
        if (i > 0 && R.v[i - 1].last == MAX64) continue;
        uint64_t a = i == 0 ? w.first : R.v[i - 1].last + 1;
        if (a < w.first) a = w.first;
        if ((a & (page - 1)) && !(MUT(9) && a == w.first)) { /* MUT(9): an unaligned window start is taken */
            a = (a & ~(page - 1)) + page;
            if (a == 0) continue; /* rounding up passed 2^64 */
        }
        if (a <= w.last && (MUT(19) ? n - 1 < w.last - a : n - 1 <= w.last - a) && !intersects(&R, a, a + n - 1) && (!found || a < *best)) {
            *best = a;
            found = true;
        }
    }
    return found;
}

static int register_any(uint64_t n, uint64_t *at) {
    if (n == 0) return INVALID_RANGE;
    for (size_t i = 0; i < windows.n; i++)
        if (fit(windows.v[i], n, at)) { add(&R, *at, *at + n - 1); return OK; }
    return NO_SPACE;
}

static int mark_allocated(uint64_t s, uint64_t n) {
    if (!valid(s, n)) return INVALID_RANGE;
    if (MUT(7) && intersects(&A, s, s + n - 1)) return ALREADY_ALLOCATED; /* checked before NOT_RAM */
    if (!contains_all(&R, s, s + n - 1 - (MUT(4) && n > 1))) return NOT_RAM;
    if (intersects(&A, s, s + n - 1)) return ALREADY_ALLOCATED;
    if (MUT(13) && A.n >= 32 && !intersects(&A, s ? s - 1 : 0, s + n)) return OK; /* a full table drops it */
    add(&A, s, s + n - 1);
    return OK;
}

/* R minus A as maximal runs, in address order (free bytes coalesce across registrations). */
static Set free_runs(void) {
    Set f = {0};
    for (size_t i = 0; i < R.n; i++) push(&f, R.v[i].first, R.v[i].last);
    for (size_t i = 0; i < A.n; i++) remove_range(&f, A.v[i].first, A.v[i].last);
    return f;
}

static int allocate(uint64_t n, uint64_t *at) {
    if (n == 0) return INVALID_RANGE;
    Set f = free_runs();
    int code = NO_SPACE;
    size_t best = f.n;
    for (size_t i = 0; i < f.n && code != OK; i++)
        if (MUT(5) ? n - 1 < f.v[i].last - f.v[i].first : n - 1 <= f.v[i].last - f.v[i].first) {
            if (MUT(17)) { /* best fit instead of the lowest */
                if (best == f.n || f.v[i].last - f.v[i].first < f.v[best].last - f.v[best].first) best = i;
                continue;
            }
            *at = f.v[i].first;
            add(&A, *at, *at + n - 1);
            code = OK;
        }
    if (MUT(17) && best < f.n) {
        *at = f.v[best].first;
        add(&A, *at, *at + n - 1);
        code = OK;
    }
    free(f.v);
    return code;
}

static int free_range(uint64_t s, uint64_t n) {
    if (!valid(s, n)) return MUT(8) ? NOT_ALLOCATED : INVALID_RANGE;
    if (!contains_all(&A, s, s + n - 1)) return NOT_ALLOCATED;
    remove_range(&A, s, s + n - 1);
    return OK;
}

static int largest(uint64_t *start, uint64_t *size) {
    if (MUT(14) && largest_cached) { *start = cached_start; *size = cached_size; return OK; }
    Set f = free_runs();
    Run *best = NULL;
    for (size_t i = 0; i < f.n; i++) {
        uint64_t len = f.v[i].last - f.v[i].first; /* length - 1: never overflows */
#ifdef BROKEN
        if (!best || len >= best->last - best->first) best = &f.v[i];
#else
        if (!best || (MUT(1) ? len >= best->last - best->first : len > best->last - best->first)) best = &f.v[i];
#endif
    }
    if (!best) { free(f.v); return NO_FREE_REGION; }
    *start = best->first;
    /* A run of all 2^64 addresses has no 64-bit size: it is reported as (0, 2^64 - 1). */
    *size = (MUT(18) || best->first == 0) && best->last == MAX64 ? MAX64 - best->first : best->last - best->first + 1;
    free(f.v);
    cached_start = *start;
    cached_size = *size;
    largest_cached = true;
    return OK;
}

/* touch, read and write accept the same ranges. */
static int check_touch(uint64_t s, uint64_t n) {
    if (!valid(s, n)) return INVALID_RANGE;
    return contains_all(&R, s, s + n - 1) ? OK : NOT_RAM;
}

/* ---- the protocol ------------------------------------------------------------------------- */

static bool number(const char *t, uint64_t *out) {
    int base = 10;
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) { base = 16; t += 2; }
    if (!*t) return false;
    uint64_t v = 0;
    for (; *t; t++) {
        int d = *t >= '0' && *t <= '9' ? *t - '0'
              : base == 16 && *t >= 'a' && *t <= 'f' ? *t - 'a' + 10
              : base == 16 && *t >= 'A' && *t <= 'F' ? *t - 'A' + 10 : -1;
        if (d < 0 || v > (MAX64 - (uint64_t)d) / (uint64_t)base) return false;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    *out = v;
    return true;
}

static int hex_digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* hello 1 profile=spec page=P last=L windows=F-L,...|none: NULL on success, else why not. */
static const char *hello(char **t, int nt) {
    uint64_t p, last, f, l;
    if (nt != 6 || strcmp(t[1], "1")) return "expected 'hello 1 profile=P page=P last=L windows=W'";
    if (!strcmp(t[2], "profile=sel4")) return "profile sel4 is not supported, only spec";
    if (strcmp(t[2], "profile=spec")) return "unknown profile (expected spec)";
    if (strncmp(t[3], "page=", 5) || !number(t[3] + 5, &p) || p == 0 || (p & (p - 1)) || p > (1u << 30))
        return "page is not a power of two between 1 and 2^30";
    if (strncmp(t[4], "last=", 5) || !number(t[4] + 5, &last)) return "expected last=L";
    if (strncmp(t[5], "windows=", 8)) return "expected windows=W";
    Set ws = {0};
    for (char *pair = strcmp(t[5] + 8, "none") ? t[5] + 8 : NULL; pair;) {
        char *comma = strchr(pair, ','), *dash = strchr(pair, '-');
        if (comma) *comma = 0;
        if (dash) *dash = 0;
        if (!dash || !number(pair, &f) || !number(dash + 1, &l) || l < f || l > last
            || (ws.n > 0 && ws.v[ws.n - 1].last >= f)) {
            free(ws.v);
            return "windows are ordered, disjoint FIRST-LAST pairs up to the last address, or none";
        }
        push(&ws, f, l);
        pair = comma ? comma + 1 : NULL;
    }
    replace(&windows, &ws);
    page = p;
    last_address = last;
    open_session = true;
    reset();
    return NULL;
}

/* Prints `err CODE` for a rejected call; true iff it was rejected. */
static bool failed(int code) {
    if (code != OK) printf("err %s\n", CODES[code]);
    return code != OK;
}

static void print_map(void) {
    printf("ok");
    for (size_t i = 0, j = 0; i < R.n; i++) { /* A lies inside R: walk both in address order */
        uint64_t cursor = R.v[i].first;
        bool done = false;
        for (; j < A.n && A.v[j].last <= R.v[i].last; j++) {
            if (cursor < A.v[j].first) printf(" 0x%" PRIx64 ":0x%" PRIx64 ":f", cursor, A.v[j].first - 1);
            printf(" 0x%" PRIx64 ":0x%" PRIx64 ":a", A.v[j].first, A.v[j].last);
            done = A.v[j].last == R.v[i].last;
            cursor = A.v[j].last + 1;
        }
        if (!done) printf(" 0x%" PRIx64 ":0x%" PRIx64 ":f", cursor, R.v[i].last);
    }
    printf("\n");
}

/* touch: one chunk per page the range meets (to the next page boundary, whole pages, the tail);
 * the k-th callback (k >= 1) returns value and stops the walk. */
static void touch(uint64_t a, uint64_t n, uint64_t k, long long value) {
    if (failed(check_touch(a, n))) return;
    uint64_t l = a + n - 1, chunks = MUT(10) ? (l - a) / page + 1 : ((l & ~(page - 1)) - (a & ~(page - 1))) / page + 1;
    bool stops = k >= 1 && (MUT(20) ? k < chunks : k <= chunks);
    printf("ok %lld", stops ? value : 0);
    for (uint64_t i = 0, cur = a; i < (stops ? k : chunks); i++) {
        uint64_t end = (cur & ~(page - 1)) + (page - 1);
        if (end > l) end = l;
        printf(" 0x%" PRIx64 ":0x%" PRIx64 ":0x%" PRIx64, cur, end - cur + 1, cur - a);
        cur = end + 1;
    }
    printf("\n");
}

/* Answers one command (tokens t[0..nt)); returns NULL, or why it is a protocol error. */
static const char *serve(char **t, int nt) {
    uint64_t a = 0, b = 0;
    const char *c = t[0];
#define ARGS(n) if (nt != (n) + 1) return "wrong number of arguments"
#define NUM(i, v) if (!number(t[i], &v)) return "not an unsigned 64-bit number"
    if (!strcmp(c, "hello")) {
        const char *why = hello(t, nt);
        if (!why) printf("hello 1\n");
        return why;
    } else if (!strcmp(c, "quit")) {
        printf("bye\n");
        fflush(stdout);
        exit(0);
    } else if (!open_session) {
        return "the session must open with hello";
    } else if (!strcmp(c, "reset")) {
        ARGS(0);
        reset();
        printf("ok\n");
    } else if (!strcmp(c, "map")) {
        ARGS(0);
        print_map();
    } else if (!strcmp(c, "register_at")) {
        ARGS(3); NUM(1, a); NUM(2, b);
        if (strcmp(t[3], "0") && strcmp(t[3], "1")) return "UNTYPED is 0 or 1";
        if (!failed(register_at(a, b))) printf("ok\n");
    } else if (!strcmp(c, "register")) {
        ARGS(1); NUM(1, b);
        if (!failed(register_any(b, &a))) printf("ok 0x%" PRIx64 "\n", a);
    } else if (!strcmp(c, "mark_allocated")) {
        ARGS(2); NUM(1, a); NUM(2, b);
        if (!failed(mark_allocated(a, b))) printf("ok\n");
    } else if (!strcmp(c, "allocate")) {
        ARGS(1); NUM(1, b);
        if (!failed(allocate(b, &a))) printf("ok 0x%" PRIx64 "\n", a);
    } else if (!strcmp(c, "free")) {
        ARGS(2); NUM(1, a); NUM(2, b);
        if (!failed(free_range(a, b))) printf("ok\n");
    } else if (!strcmp(c, "largest")) {
        ARGS(0);
        if (!failed(largest(&a, &b))) printf("ok 0x%" PRIx64 " 0x%" PRIx64 "\n", a, b);
    } else if (!strcmp(c, "touch")) {
        uint64_t k = 0, v = 0;
        bool negative = nt == 5 && t[4][0] == '-';
        if (nt != 3 && nt != 5) return "touch takes ADDRESS SIZE [K V]";
        NUM(1, a); NUM(2, b);
        if (nt == 5 && (!number(t[3], &k) || k < 1 || k > INT32_MAX || (negative && strchr(t[4], 'x'))
                        || !number(t[4] + negative, &v) || v == 0 || v > (uint64_t)INT32_MAX + negative))
            return "touch K must be >= 1 and V a non-zero 32-bit integer";
        touch(a, b, k, negative ? -(long long)v : (long long)v);
    } else if (!strcmp(c, "read")) {
        ARGS(2); NUM(1, a); NUM(2, b);
        if (b > INT32_MAX) return "read SIZE is at most 2^31 - 1";
        if (failed(check_touch(a, b))) return NULL;
        printf("ok ");
        if (MUT(11)) { /* chunk by chunk, but the offset advances by the first chunk's size */
            unsigned char *buf = xrealloc(NULL, b + 1);
            memset(buf, 0, b + 1);
            uint64_t head = page - (a & (page - 1)), off = 0;
            for (uint64_t cur = a; off < b && cur - a < b; off += head) {
                uint64_t len = page - (cur & (page - 1));
                for (uint64_t i = 0; i < len && cur - a + i < b && off + i < b; i++) buf[off + i] = (unsigned char)get_byte(cur + i);
                cur += len;
            }
            for (uint64_t i = 0; i < b; i++) printf("%02x", buf[i]);
            free(buf);
        } else {
            for (uint64_t i = 0; i < b; i++) printf("%02x", get_byte(a + i));
        }
        printf("\n");
    } else if (!strcmp(c, "write")) {
        ARGS(2); NUM(1, a);
        const char *hex = strcmp(t[2], "-") ? t[2] : "";
        size_t len = strlen(hex);
        for (size_t i = 0; i < len; i++)
            if (hex_digit(hex[i]) < 0) return "bytes are hex digits";
        if (len % 2) return "bytes are an even number of hex digits";
        size_t count = len / 2;
        if (MUT(22)) /* writes what it can before it checks */
            for (size_t i = 0; i < count && contains_all(&R, a + i, a + i); i++)
                set_byte(a + i, (unsigned)(hex_digit(hex[2 * i]) * 16 + hex_digit(hex[2 * i + 1])));
        if (failed(check_touch(a, count))) return NULL;
        uint64_t whole_end = (a + count) & ~(page - 1);
        if (MUT(12) && whole_end > a && whole_end - a > page) /* the tail chunk is dropped after whole pages */
            count = whole_end - a;
        for (size_t i = 0; i < count; i++)
            set_byte(a + i, (unsigned)(hex_digit(hex[2 * i]) * 16 + hex_digit(hex[2 * i + 1])));
        printf("ok\n");
    } else {
        return "unknown command";
    }
    return NULL;
}

int main(void) {
    char *line = NULL, *copy = NULL; /* copy: the line as read, for protocol error messages */
    size_t cap = 0;
    for (;;) {
        size_t n = 0;
        int ch;
        while ((ch = getchar()) != EOF && ch != '\n') {
            if (n + 1 >= cap) line = xrealloc(line, cap = cap ? 2 * cap : 256);
            line[n++] = (char)ch;
        }
        if (ch == EOF && n == 0) break;
        if (!line) line = xrealloc(line, cap = 256);
        if (n > 0 && line[n - 1] == '\r') n--;
        line[n] = 0;
        copy = xrealloc(copy, n + 1);
        memcpy(copy, line, n + 1);
        char *t[8];
        int nt = 0; /* 9 stands for "too many": no command takes that many arguments */
        for (char *tok = strtok(line, " \t\r"); tok; tok = strtok(NULL, " \t\r"))
            if (nt < 8) t[nt++] = tok; else nt = 9;
        if (nt == 0) continue; /* blank lines are not commands */
        const char *why = serve(t, nt);
        if (why) printf("proto-error %s: %s\n", why, copy);
        fflush(stdout);
    }
    return 0;
}
