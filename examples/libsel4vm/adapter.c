/*
 * guestram's adapter around libsel4vm's own guest RAM code: reads the driver protocol
 * (docs/protocol.md) on stdin, calls vm_ram_* of the unmodified upstream sources linked with
 * stubs.c, and answers on stdout. Written for guestram; no upstream code.
 *
 * The configuration's windows become vm_memory_make_anon calls; the page must be 4 KiB (libsel4vm
 * knows no other), and last= below 2^48, the addresses sel4utils' bookkeeping tells apart; a
 * configuration beyond is refused in hello unless --whole-space is given. Both profiles are served the same way: the code is what it is, and under
 * profile spec the driver lists where libsel4vm breaks the intended semantics.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sel4vm/guest_vm.h>
#include <sel4vm/guest_ram.h>
#include <sel4vm/guest_memory.h>
#include <sel4utils/vspace.h>
#include <sel4utils/vspace_internal.h>

#include "stubs.h"

#define MAX_LINE 65536
#define VSPACE_VADDR_BITS (VSPACE_NUM_LEVELS * VSPACE_LEVEL_BITS + 12)
#define MAX_WINDOWS 64

/* The protocol's channel: the original stdout. Upstream code that prints (libsel4vspace's
 * vspace.h:673 prints "Num pages") writes to stdout, which main points at stderr. */
static FILE *out;

static vm_t vm;
static vka_t vka;
static ps_io_ops_t io_ops;
static sel4utils_alloc_data_t vm_data;
static sel4utils_alloc_data_t vmm_data;
static uint8_t *scratch; /* where the VMM vspace shows the one page a touch callback sees */

/* --whole-space: accept last= up to 2^64 - 1 anyway, for checks that know which calls never reach
 * sel4utils' bookkeeping at or above 2^48 (libsel4vm's 2^64 edges, D1-D6 of docs/libsel4vm.md). */
static int whole_space;

static uint64_t windows[MAX_WINDOWS][2];
static int window_count;

/* ---- allocation for libsel4vm (ps_io_ops' malloc_ops) ------------------------------------ */

static int heap_malloc(void *cookie, size_t size, void **ptr)
{
    *ptr = malloc(size);
    return *ptr == NULL ? -1 : 0;
}

static int heap_calloc(void *cookie, size_t nmemb, size_t size, void **ptr)
{
    *ptr = calloc(nmemb, size);
    return *ptr == NULL ? -1 : 0;
}

static int heap_free(void *cookie, size_t size, void *ptr)
{
    free(ptr);
    return 0;
}

/* ---- the two vspaces ----------------------------------------------------------------------- */

/* The guest's vspace: sel4utils' bookkeeping; mapping a frame there is bookkeeping only. */
static int guest_map_page(vspace_t *vspace, seL4_CPtr cap, void *vaddr, seL4_CapRights_t rights, int cacheable,
                          size_t size_bits)
{
    return 0;
}

/* The VMM's vspace: a touch shows each guest page at the scratch page, copied in and back out. */
static int vmm_map_page(vspace_t *vspace, seL4_CPtr cap, void *vaddr, seL4_CapRights_t rights, int cacheable,
                        size_t size_bits)
{
    return stubs_vmm_map(cap, vaddr);
}

static reservation_t vmm_reserve_range_aligned(vspace_t *vspace, size_t bytes, size_t size_bits,
                                               seL4_CapRights_t rights, int cacheable, void **result)
{
    reservation_t r = { NULL };
    sel4utils_res_t *res = calloc(1, sizeof(*res));
    if (res == NULL || bytes != 4096) {
        free(res);
        return r;
    }
    res->rights = rights;
    res->cacheable = cacheable;
    *result = scratch;
    r.res = res;
    return r;
}

static void vmm_free_reservation(vspace_t *vspace, reservation_t reservation)
{
    free(reservation.res);
}

/* As sel4utils' bootstrap.c wires an empty vspace (vspace.c's functions, a fresh top level). */
static void sel4utils_vspace(vspace_t *vspace, sel4utils_alloc_data_t *data, sel4utils_map_page_fn map_page)
{
    memset(vspace, 0, sizeof(*vspace));
    memset(data, 0, sizeof(*data));
    vspace->data = data;
    data->vka = &vka;
    data->last_allocated = 0x10000000;
    data->is_empty = true;
    data->top_level = bootstrap_create_level(vspace, sizeof(vspace_mid_level_t));
    data->map_page = map_page;
    vspace->new_pages = sel4utils_new_pages;
    vspace->map_pages = sel4utils_map_pages;
    vspace->new_pages_at_vaddr = sel4utils_new_pages_at_vaddr;
    vspace->map_pages_at_vaddr = sel4utils_map_pages_at_vaddr;
    vspace->deferred_rights_map_pages_at_vaddr = sel4utils_deferred_rights_map_pages_at_vaddr;
    vspace->unmap_pages = sel4utils_unmap_pages;
    vspace->reserve_range_aligned = sel4utils_reserve_range_aligned;
    vspace->reserve_range_at = sel4utils_reserve_range_at;
    vspace->reserve_deferred_rights_range_at = sel4utils_reserve_deferred_rights_range_at;
    vspace->free_reservation = sel4utils_free_reservation;
    vspace->free_reservation_by_vaddr = sel4utils_free_reservation_by_vaddr;
    vspace->get_cap = sel4utils_get_cap;
    vspace->get_cookie = sel4utils_get_cookie;
    vspace->share_mem_at_vaddr = sel4utils_share_mem_at_vaddr;
}

/* A fresh VM: what libsel4vm's boot.c sets up for guest RAM, then the anonymous windows. */
static const char *start_vm(void)
{
    stubs_reset();
    free(vm.mem.ram_regions);
    memset(&vm, 0, sizeof(vm));
    stubs_vka(&vka);
    memset(&io_ops, 0, sizeof(io_ops));
    io_ops.malloc_ops.malloc = heap_malloc;
    io_ops.malloc_ops.calloc = heap_calloc;
    io_ops.malloc_ops.free = heap_free;
    vm.vka = &vka;
    vm.io_ops = &io_ops;
    vm.mem.num_ram_regions = 0;
    vm.mem.ram_regions = malloc(0);
    sel4utils_vspace(&vm.mem.vm_vspace, &vm_data, guest_map_page);
    sel4utils_vspace(&vm.mem.vmm_vspace, &vmm_data, vmm_map_page);
    vm.mem.vmm_vspace.reserve_range_aligned = vmm_reserve_range_aligned;
    vm.mem.vmm_vspace.free_reservation = vmm_free_reservation;
    if (vm_memory_init(&vm) != 0) {
        return "vm_memory_init failed";
    }
    for (int i = 0; i < window_count; i++) {
        size_t size = (size_t)(windows[i][1] - windows[i][0] + 1);
        if (size == 0) {
            return "libsel4vm cannot make a window of 2^64 bytes (its size is 0 in size_t)";
        }
        if (vm_memory_make_anon(&vm, windows[i][0], size) != 0) {
            fprintf(stderr, "adapter: vm_memory_make_anon refused window %d; register will not use it\n", i);
        }
    }
    return NULL;
}

/* ---- the protocol ----------------------------------------------------------------------------- */

static int number(const char *token, uint64_t *value)
{
    if (token == NULL || *token == '\0' || *token == '-') {
        return -1;
    }
    char *end;
    errno = 0;
    *value = strtoull(token, &end, 0);
    return errno != 0 || *end != '\0' ? -1 : 0;
}

static int hex_byte(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static const char *hello(char **t, int n)
{
    uint64_t page, last;
    if (n != 6 || strcmp(t[1], "1") != 0 || strncmp(t[2], "profile=", 8) != 0 || strncmp(t[3], "page=", 5) != 0
        || number(t[3] + 5, &page) || strncmp(t[4], "last=", 5) != 0 || number(t[4] + 5, &last)
        || strncmp(t[5], "windows=", 8) != 0) {
        return "expected 'hello 1 profile=P page=P last=L windows=W'";
    }
    if (page != 4096) {
        return "libsel4vm's page is 4 KiB (seL4_PageBits = 12); page= must be 0x1000";
    }
    /* sel4utils' bookkeeping (4 levels of 9 bits over 4 KiB pages) indexes 48 address bits: an
     * address at or above 2^48 aliases a lower one, which no model of a flat vspace predicts. */
    if (last >> VSPACE_VADDR_BITS != 0 && !whole_space) {
        return "sel4utils' vspace indexes 48 address bits (aarch64): last= must be below 2^48 (conform --limit 2^48; "
               "the adapter's --whole-space lifts this)";
    }
    window_count = 0;
    char *w = t[5] + 8;
    if (strcmp(w, "none") != 0) {
        for (char *pair = strtok(w, ","); pair != NULL; pair = strtok(NULL, ",")) {
            char *dash = strchr(pair, '-');
            if (dash == NULL || window_count == MAX_WINDOWS) {
                return "a window is FIRST-LAST, at most 64 of them";
            }
            *dash = '\0';
            if (number(pair, &windows[window_count][0]) || number(dash + 1, &windows[window_count][1])) {
                return "a window is FIRST-LAST";
            }
            window_count++;
        }
    }
    return start_vm();
}

struct touch_record {
    int calls;
    int stop_at;
    int stop_value;
    char *out;
    size_t used;
    size_t room;
};

static int record_chunk(vm_t *v, uintptr_t addr, void *vaddr, size_t size, size_t offset, void *cookie)
{
    struct touch_record *r = cookie;
    r->calls++;
    if (r->used + 64 < r->room) {
        r->used += snprintf(r->out + r->used, r->room - r->used, " 0x%" PRIxPTR ":0x%zx:0x%zx", addr, size, offset);
    } else {
        r->used = r->room; /* too many chunks to report: the line is cut, which the driver sees */
    }
    return r->calls == r->stop_at ? r->stop_value : 0;
}

static void answer_map(void)
{
    fprintf(out, "ok");
    for (int i = 0; i < vm.mem.num_ram_regions; i++) {
        struct vm_ram_region *e = &vm.mem.ram_regions[i];
        fprintf(out, " 0x%" PRIxPTR ":0x%" PRIxPTR ":%c", e->start, (uintptr_t)(e->start + e->size - 1), e->allocated ? 'a' : 'f');
    }
    fprintf(out, "\n");
}

static void command(char **t, int n)
{
    uint64_t a, b, c, d;
    const char *op = t[0];
    if (strcmp(op, "map") == 0 && n == 1) {
        answer_map();
    } else if (strcmp(op, "reset") == 0 && n == 1) {
        const char *error = start_vm();
        fprintf(out, error == NULL ? "ok\n" : "proto-error %s\n", error);
    } else if (strcmp(op, "register_at") == 0 && n == 4 && !number(t[1], &a) && !number(t[2], &b) && !number(t[3], &c)
               && c <= 1) {
        fprintf(out, vm_ram_register_at(&vm, a, b, c) == 0 ? "ok\n" : "err OVERLAP\n");
    } else if (strcmp(op, "register") == 0 && n == 2 && !number(t[1], &a)) {
        uintptr_t base = vm_ram_register(&vm, a);
        if (base == 0) {
            fprintf(out, "err NO_SPACE\n");
        } else {
            fprintf(out, "ok 0x%" PRIxPTR "\n", base);
        }
    } else if (strcmp(op, "mark_allocated") == 0 && n == 3 && !number(t[1], &a) && !number(t[2], &b)) {
        vm_ram_mark_allocated(&vm, a, b);
        fprintf(out, "ok\n");
    } else if (strcmp(op, "allocate") == 0 && n == 2 && !number(t[1], &a)) {
        uintptr_t at = vm_ram_allocate(&vm, a);
        if (at == 0) {
            fprintf(out, "err NO_SPACE\n");
        } else {
            fprintf(out, "ok 0x%" PRIxPTR "\n", at);
        }
    } else if (strcmp(op, "free") == 0 && n == 3 && !number(t[1], &a) && !number(t[2], &b)) {
        vm_ram_free(&vm, a, b);
        fprintf(out, "ok\n");
    } else if (strcmp(op, "largest") == 0 && n == 1) {
        uintptr_t start;
        size_t size;
        if (vm_ram_find_largest_free_region(&vm, &start, &size) != 0) {
            fprintf(out, "err NO_FREE_REGION\n");
        } else {
            fprintf(out, "ok 0x%" PRIxPTR " 0x%zx\n", start, size);
        }
    } else if (strcmp(op, "touch") == 0 && (n == 3 || n == 5) && !number(t[1], &a) && !number(t[2], &b)) {
        struct touch_record r = { 0, 0, 0, NULL, 0, 1 << 20 };
        if (n == 5) {
            char *end;
            if (number(t[3], &c) || c < 1 || c > 0x7fffffff) {
                fprintf(out, "proto-error touch K is 1 .. 2^31 - 1\n");
                return;
            }
            long v = strtol(t[4], &end, 0);
            if (*end != '\0' || v == 0 || v < -0x80000000L || v > 0x7fffffffL) {
                fprintf(out, "proto-error touch V is a non-zero int\n");
                return;
            }
            r.stop_at = (int)c;
            r.stop_value = (int)v;
        }
        r.out = malloc(r.room);
        r.out[0] = '\0';
        int result = vm_ram_touch(&vm, a, b, record_chunk, &r);
        if (result == -1 && r.calls == 0) {
            fprintf(out, "err NOT_RAM\n");
        } else {
            fprintf(out, "ok %d%s\n", result, r.out);
        }
        free(r.out);
    } else if (strcmp(op, "read") == 0 && n == 3 && !number(t[1], &a) && !number(t[2], &b) && b <= 0x7fffffff) {
        uint8_t *buffer = calloc(1, b + 1);
        if (vm_ram_touch(&vm, a, b, vm_guest_ram_read_callback, buffer) != 0) {
            fprintf(out, "err NOT_RAM\n");
        } else {
            fprintf(out, "ok ");
            if (b == 0) {
                fprintf(out, "-");
            }
            for (uint64_t i = 0; i < b; i++) {
                fprintf(out, "%02x", buffer[i]);
            }
            fprintf(out, "\n");
        }
        free(buffer);
    } else if (strcmp(op, "write") == 0 && n == 3 && !number(t[1], &a)) {
        size_t len = strcmp(t[2], "-") == 0 ? 0 : strlen(t[2]);
        if (len % 2 != 0) {
            fprintf(out, "proto-error bytes are an even number of hex digits\n");
            return;
        }
        uint8_t *data = malloc(len / 2 + 1);
        for (size_t i = 0; i < len / 2; i++) {
            int hi = hex_byte(t[2][2 * i]), lo = hex_byte(t[2][2 * i + 1]);
            if (hi < 0 || lo < 0) {
                fprintf(out, "proto-error bytes are hex digits\n");
                free(data);
                return;
            }
            data[i] = (uint8_t)(hi * 16 + lo);
        }
        fprintf(out, vm_ram_touch(&vm, a, len / 2, vm_guest_ram_write_callback, data) != 0 ? "err NOT_RAM\n" : "ok\n");
        free(data);
    } else {
        fprintf(out, "proto-error unknown command or wrong arguments: %s\n", op);
    }
    (void)d;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--whole-space") == 0) {
        whole_space = 1;
    } else if (argc != 1) {
        fprintf(stderr, "usage: %s [--whole-space]\n", argv[0]);
        return 2;
    }
    static char line[MAX_LINE + 2];
    char *t[8];
    int open = 0;
    scratch = aligned_alloc(4096, 4096);
    out = fdopen(dup(1), "w");
    if (out == NULL || dup2(2, 1) < 0) {
        perror("adapter: cannot set up the protocol channel");
        return 1;
    }
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] != '\n' && !feof(stdin)) {
            int ch;
            while ((ch = getchar()) != EOF && ch != '\n') {
            }
            fprintf(out, "proto-error a line longer than %d characters\n", MAX_LINE);
            fflush(out);
            continue;
        }
        int n = 0;
        for (char *tok = strtok(line, " \r\n"); tok != NULL && n < 8; tok = strtok(NULL, " \r\n")) {
            t[n++] = tok;
        }
        if (n == 0) {
            continue;
        }
        if (strcmp(t[0], "quit") == 0) {
            fprintf(out, "bye\n");
            fflush(out);
            return 0;
        }
        if (strcmp(t[0], "hello") == 0) {
            const char *error = hello(t, n);
            open = error == NULL;
            if (open) {
                fprintf(out, "hello 1\n");
            } else {
                fprintf(out, "proto-error %s\n", error);
            }
        } else if (!open) {
            fprintf(out, "proto-error the session must open with hello\n");
        } else {
            command(t, n);
        }
        fflush(out);
    }
    return 0;
}
