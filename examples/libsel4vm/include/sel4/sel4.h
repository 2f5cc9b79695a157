/* guestram's stand-in for the seL4 kernel API (libsel4), just what libsel4vm's guest RAM code,
 * sel4utils' vspace and libsel4vspace need to compile on Linux. Written for guestram; no seL4 code. */
#ifndef GUESTRAM_STUB_SEL4_H
#define GUESTRAM_STUB_SEL4_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint64_t seL4_Word;
typedef seL4_Word seL4_CPtr;
typedef seL4_CPtr seL4_CNode;
typedef seL4_CPtr seL4_Untyped;
typedef seL4_CPtr seL4_TCB;
typedef seL4_CPtr seL4_IRQHandler;
typedef seL4_CPtr seL4_ARM_Page;
typedef seL4_CPtr seL4_X86_Page;
typedef uint8_t seL4_Uint8;
typedef uint32_t seL4_Uint32;
typedef uint64_t seL4_Uint64;
typedef int seL4_Bool;
typedef seL4_Word seL4_NodeId;
typedef seL4_Word seL4_PAddr;
typedef seL4_Word seL4_Domain;
typedef seL4_Word seL4_ARM_VMAttributes;
typedef seL4_Word seL4_ARCH_VMAttributes;

typedef struct seL4_CapRights { seL4_Word words[1]; } seL4_CapRights_t;
static inline seL4_CapRights_t seL4_CapRights_new(seL4_Word grant_reply, seL4_Word grant, seL4_Word read, seL4_Word write)
{
    seL4_CapRights_t r = { { (grant_reply << 3) | (grant << 2) | (read << 1) | write } };
    return r;
}
static inline seL4_Word seL4_CapRights_get_capAllowRead(seL4_CapRights_t r) { return (r.words[0] >> 1) & 1; }
static inline seL4_Word seL4_CapRights_get_capAllowWrite(seL4_CapRights_t r) { return r.words[0] & 1; }
static inline seL4_Word seL4_CapRights_get_capAllowGrant(seL4_CapRights_t r) { return (r.words[0] >> 2) & 1; }
static inline seL4_Word seL4_CapRights_get_capAllowGrantReply(seL4_CapRights_t r) { return (r.words[0] >> 3) & 1; }
#define seL4_AllRights seL4_CapRights_new(1, 1, 1, 1)
#define seL4_CanRead seL4_CapRights_new(0, 0, 1, 0)
#define seL4_CanWrite seL4_CapRights_new(0, 0, 0, 1)
#define seL4_NoRights seL4_CapRights_new(0, 0, 0, 0)
#define seL4_ReadWrite seL4_CapRights_new(0, 0, 1, 1)

typedef enum {
    seL4_NoError = 0, seL4_InvalidArgument, seL4_InvalidCapability, seL4_IllegalOperation,
    seL4_RangeError, seL4_AlignmentError, seL4_FailedLookup, seL4_TruncatedMessage,
    seL4_DeleteFirst, seL4_RevokeFirst, seL4_NotEnoughMemory, seL4_NumErrors
} seL4_Error;

#define seL4_CapNull 0
#define seL4_PageBits 12
#define seL4_LargePageBits 21
#define seL4_HugePageBits 30
#define seL4_WordBits 64
#define seL4_WordSizeBits 3
#define seL4_SlotBits 5
#define seL4_TCBBits 11
#define seL4_EndpointBits 4
#define seL4_NotificationBits 5
#define seL4_PageTableBits 12
#define seL4_PageDirBits 12
#define seL4_PageTableIndexBits 9
#define seL4_PUDBits 12
#define seL4_PGDBits 12
#define seL4_VSpaceBits 12
#define seL4_ARM_VCPUBits 12
#define seL4_PageDirIndexBits 9
#define seL4_PUDIndexBits 9
#define seL4_PGDIndexBits 9
#define seL4_VSpaceIndexBits 9
#define seL4_MinUntypedBits 4
#define seL4_MaxUntypedBits 47
#define seL4_UserTop 0x00007fffffffffff
#define seL4_ARM_Default_VMAttributes 0
#define seL4_ARCH_Uncached_VMAttributes 0

typedef enum {
    seL4_UntypedObject, seL4_TCBObject, seL4_EndpointObject, seL4_NotificationObject, seL4_CapTableObject,
    seL4_SchedContextObject, seL4_ReplyObject,
    seL4_ARM_SmallPageObject, seL4_ARM_LargePageObject, seL4_ARM_PageTableObject, seL4_ARM_PageDirectoryObject,
    seL4_ARM_HugePageObject, seL4_ARM_PageUpperDirectoryObject, seL4_ARM_PageGlobalDirectoryObject,
    seL4_ARM_VSpaceObject, seL4_ARM_VCPUObject,
    seL4_X86_4K, seL4_X86_LargePageObject, seL4_X86_PageTableObject, seL4_X86_PageDirectoryObject,
    seL4_X64_HugePageObject, seL4_X86_PDPTObject, seL4_X64_PML4Object, seL4_X86_EPTPML4Object,
    seL4_ObjectTypeCount
} seL4_ObjectType;
typedef seL4_Word api_object_t;

typedef struct { seL4_Word words[2]; } seL4_MessageInfo_t;
typedef struct { seL4_Word paddr; seL4_Uint8 sizeBits; seL4_Uint8 isDevice; seL4_Uint8 padding[6]; } seL4_UntypedDesc;
typedef struct { seL4_Word start, end; } seL4_SlotRegion;

enum { seL4_CapNullSlot, seL4_CapInitThreadTCB, seL4_CapInitThreadCNode, seL4_CapInitThreadVSpace,
       seL4_CapIRQControl, seL4_CapASIDControl, seL4_CapInitThreadASIDPool, seL4_CapIOPortControl,
       seL4_CapIOSpace, seL4_CapBootInfoFrame, seL4_CapInitThreadIPCBuffer, seL4_CapDomain,
       seL4_CapSMMUSIDControl, seL4_CapSMMUCBControl, seL4_CapInitThreadSC, seL4_NumInitialCaps };
#define seL4_CapInitThreadPD seL4_CapInitThreadVSpace
typedef struct { seL4_Word pc, sp, spsr, x0, x1, x2, x3, x4, x5, x6, x7, x8, x16, x17, x18, x29, x30,
                 x9, x10, x11, x12, x13, x14, x15, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28,
                 tpidr_el0, tpidrro_el0; } seL4_UserContext;
enum { seL4_VMFault_IP, seL4_VMFault_Addr, seL4_VMFault_PrefetchFault, seL4_VMFault_FSR, seL4_VMFault_Length };
typedef struct seL4_BootInfo seL4_BootInfo;

/* The kernel calls the compiled code reaches, implemented in ../stubs.c over a table of slots. */
int seL4_CNode_Copy(seL4_CNode service, seL4_Word dest_index, seL4_Uint8 dest_depth, seL4_CNode src_root,
                    seL4_Word src_index, seL4_Uint8 src_depth, seL4_CapRights_t rights);
int seL4_CNode_Delete(seL4_CNode service, seL4_Word index, seL4_Uint8 depth);
int seL4_ARCH_Page_Unmap(seL4_CPtr cap);
#define seL4_ARM_Page_Unmap seL4_ARCH_Page_Unmap
int guestram_stub_unreachable(const char *what);
seL4_Word seL4_GetMR(int i);
void seL4_SetMR(int i, seL4_Word mr);

#endif
