/* guestram's stand-ins below libsel4vm (stubs.c). */
#ifndef GUESTRAM_LIBSEL4VM_STUBS_H
#define GUESTRAM_LIBSEL4VM_STUBS_H

#include <stdint.h>
#include <sel4/sel4.h>
#include <vka/vka.h>
#include <vka/object.h>
#include <vspace/vspace.h>
#include <utils/util.h>

/* Frames (16 GiB) registrations may take before vka runs out, as a real system's untyped memory does;
 * a campaign on a 48-bit machine registers at most 1 GiB at a time, mostly far less. */
#ifndef GUESTRAM_MAX_FRAMES
#define GUESTRAM_MAX_FRAMES (1u << 22)
#endif

void stubs_vka(vka_t *vka);
void stubs_reset(void);
uint8_t *stubs_frame_memory(seL4_CPtr cap);
int stubs_vmm_map(seL4_CPtr cap, void *vaddr);
void *bootstrap_create_level(vspace_t *vspace, size_t size);

#endif
