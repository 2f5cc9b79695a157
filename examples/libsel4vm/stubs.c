/*
 * guestram's stand-ins for what libsel4vm's guest RAM code needs below it on a real seL4 system,
 * so that the unmodified upstream files (guest_ram.c, guest_memory.c, sel4utils' vspace.c,
 * libsel4vspace's vspace.c, musl's qsort.c) run as a Linux process. Written for guestram; no
 * upstream code. What each stub stands for:
 *
 *  - the capability space: a table of slots; a slot holds nothing, a frame (4 KiB of memory,
 *    allocated on first access) or a copy of a frame cap (what vspace_share_mem makes);
 *  - the kernel calls seL4_CNode_Copy / seL4_CNode_Delete / seL4_ARCH_Page_Unmap on those slots;
 *  - vka (the object allocator): frames from the slot table, at most GUESTRAM_MAX_FRAMES of them,
 *    as a real system runs out of untyped memory;
 *  - the sel4utils bookkeeping levels (bootstrap_create_level): calloc;
 *  - libutils' log sink (ZF_LOG): stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stubs.h"

int _zf_log_output_lvl = ZF_LOG_ERROR;

void _zf_log_write_d(const char *const func, const char *const file, const unsigned line, const int lvl,
                     const char *const tag, const char *const fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "libsel4vm %s:%u %s: ", file, line, func);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void _zf_log_write(const int lvl, const char *const tag, const char *const fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "libsel4vm: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int guestram_stub_unreachable(const char *what)
{
    fprintf(stderr, "guestram stub: %s is not available on Linux\n", what);
    abort();
}

int sel4utils_map_page(vka_t *vka, seL4_CPtr vspace_root, seL4_CPtr frame, void *vaddr, seL4_CapRights_t rights,
                       int cacheable, vka_object_t *objects, int *num_objects)
{
    return guestram_stub_unreachable("sel4utils_map_page (seL4 page tables)");
}

/* ---- the slot table ------------------------------------------------------------------- */

enum slot_kind { SLOT_FREE, SLOT_EMPTY, SLOT_FRAME, SLOT_COPY };

struct slot {
    enum slot_kind kind;
    seL4_CPtr frame;   /* SLOT_COPY: the frame slot it copies */
    uint8_t *memory;   /* SLOT_FRAME: 4 KiB, or NULL until first accessed */
    uint8_t *mapped_at; /* SLOT_COPY: where the VMM vspace shows it, or NULL */
};

static struct slot *slots;
static size_t slot_count;  /* slots handed out so far; slot 0 is seL4_CapNull */
static size_t slot_capacity;
static size_t frames;

static void free_levels(void);

void stubs_reset(void)
{
    free_levels();
    for (size_t i = 1; i < slot_count; i++) {
        free(slots[i].memory);
    }
    free(slots);
    slots = NULL;
    slot_count = 1;
    slot_capacity = 0;
    frames = 0;
}

static struct slot *slot_at(seL4_CPtr cap)
{
    return cap > 0 && cap < slot_count && slots[cap].kind != SLOT_FREE ? &slots[cap] : NULL;
}

uint8_t *stubs_frame_memory(seL4_CPtr cap)
{
    struct slot *s = slot_at(cap);
    if (s == NULL || s->kind != SLOT_FRAME) {
        return NULL;
    }
    if (s->memory == NULL) {
        s->memory = calloc(1, 4096);
    }
    return s->memory;
}

static int cspace_alloc(void *data, seL4_CPtr *res)
{
    if (slot_count == 0) {
        slot_count = 1;
    }
    if (slot_count >= slot_capacity) {
        size_t grown = slot_capacity == 0 ? 1024 : 2 * slot_capacity;
        struct slot *more = realloc(slots, grown * sizeof(struct slot));
        if (more == NULL) {
            return -1;
        }
        /* Slot 0 (seL4_CapNull) is never handed out: zeroed here, it is never taken for a frame's memory. */
        memset(&more[slot_capacity], 0, (grown - slot_capacity) * sizeof(struct slot));
        slots = more;
        slot_capacity = grown;
    }
    memset(&slots[slot_count], 0, sizeof(struct slot));
    slots[slot_count].kind = SLOT_EMPTY;
    *res = slot_count++;
    return 0;
}

static void cspace_make_path(void *data, seL4_CPtr slot, cspacepath_t *res)
{
    memset(res, 0, sizeof(*res));
    res->capPtr = slot;
    res->capDepth = seL4_WordBits;
}

static void cspace_free(void *data, seL4_CPtr slot)
{
    struct slot *s = slot_at(slot);
    if (s != NULL) {
        free(s->memory);
        if (s->kind == SLOT_FRAME) {
            frames--;
        }
        memset(s, 0, sizeof(*s));
    }
}

static int new_frame(const cspacepath_t *dest, seL4_Word *cookie)
{
    struct slot *s = slot_at(dest->capPtr);
    if (s == NULL || s->kind != SLOT_EMPTY || frames >= GUESTRAM_MAX_FRAMES) {
        return -1;
    }
    s->kind = SLOT_FRAME;
    frames++;
    *cookie = 0;
    return 0;
}

static int utspace_alloc(void *data, const cspacepath_t *dest, seL4_Word type, seL4_Word size_bits, seL4_Word *res)
{
    return new_frame(dest, res);
}

static int utspace_alloc_maybe_device(void *data, const cspacepath_t *dest, seL4_Word type, seL4_Word size_bits,
                                      bool can_use_dev, seL4_Word *res)
{
    return new_frame(dest, res);
}

static int utspace_alloc_at(void *data, const cspacepath_t *dest, seL4_Word type, seL4_Word size_bits,
                            uintptr_t paddr, seL4_Word *cookie)
{
    return new_frame(dest, cookie);
}

static void utspace_free(void *data, seL4_Word type, seL4_Word size_bits, seL4_Word target)
{
}

static uintptr_t utspace_paddr(void *data, seL4_Word target, seL4_Word type, seL4_Word size_bits)
{
    return 0;
}

void stubs_vka(vka_t *vka)
{
    memset(vka, 0, sizeof(*vka));
    vka->cspace_alloc = cspace_alloc;
    vka->cspace_make_path = cspace_make_path;
    vka->utspace_alloc = utspace_alloc;
    vka->utspace_alloc_maybe_device = utspace_alloc_maybe_device;
    vka->utspace_alloc_at = utspace_alloc_at;
    vka->cspace_free = cspace_free;
    vka->utspace_free = utspace_free;
    vka->utspace_paddr = utspace_paddr;
}

/* ---- kernel calls ------------------------------------------------------------------------ */

int seL4_CNode_Copy(seL4_CNode service, seL4_Word dest_index, seL4_Uint8 dest_depth, seL4_CNode src_root,
                    seL4_Word src_index, seL4_Uint8 src_depth, seL4_CapRights_t rights)
{
    struct slot *src = slot_at(src_index);
    struct slot *dest = slot_at(dest_index);
    if (src == NULL || src->kind != SLOT_FRAME) {
        return seL4_FailedLookup; /* e.g. sel4utils' RESERVED marker taken for a cap */
    }
    if (dest == NULL || dest->kind != SLOT_EMPTY) {
        return seL4_DeleteFirst;
    }
    dest->kind = SLOT_COPY;
    dest->frame = src_index;
    return seL4_NoError;
}

int seL4_CNode_Delete(seL4_CNode service, seL4_Word index, seL4_Uint8 depth)
{
    struct slot *s = slot_at(index);
    if (s != NULL && s->kind == SLOT_COPY) {
        s->kind = SLOT_EMPTY;
        s->mapped_at = NULL;
    }
    return seL4_NoError;
}

/* Mapping a copy into the VMM vspace shows the frame at the VMM address; unmapping writes it back. */
int stubs_vmm_map(seL4_CPtr cap, void *vaddr)
{
    struct slot *s = slot_at(cap);
    if (s == NULL || s->kind != SLOT_COPY) {
        return -1;
    }
    uint8_t *memory = stubs_frame_memory(s->frame);
    if (memory == NULL) {
        return -1;
    }
    memcpy(vaddr, memory, 4096);
    s->mapped_at = vaddr;
    return 0;
}

int seL4_ARCH_Page_Unmap(seL4_CPtr cap)
{
    struct slot *s = slot_at(cap);
    if (s != NULL && s->kind == SLOT_COPY && s->mapped_at != NULL) {
        memcpy(stubs_frame_memory(s->frame), s->mapped_at, 4096);
        s->mapped_at = NULL;
    }
    return seL4_NoError;
}

/* ---- sel4utils bookkeeping levels ---------------------------------------------------------- */

static void **levels;
static size_t level_count;
static size_t level_capacity;

void *bootstrap_create_level(vspace_t *vspace, size_t size)
{
    if (level_count == level_capacity) {
        size_t grown = level_capacity == 0 ? 256 : 2 * level_capacity;
        void **more = realloc(levels, grown * sizeof(void *));
        if (more == NULL) {
            return NULL;
        }
        levels = more;
        level_capacity = grown;
    }
    void *level = calloc(1, size);
    if (level != NULL) {
        levels[level_count++] = level;
    }
    return level;
}

static void free_levels(void)
{
    for (size_t i = 0; i < level_count; i++) {
        free(levels[i]);
    }
    level_count = 0;
}
