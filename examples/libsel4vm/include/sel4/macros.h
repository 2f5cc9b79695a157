/* guestram's stand-in for libsel4's sel4/macros.h. */
#include <sel4/sel4.h>
#define SEL4_PACKED __attribute__((packed))
#define SEL4_DEPRECATED(x) __attribute__((deprecated(x)))
#define SEL4_DEPRECATE_MACRO(x) x
#define SEL4_FORCE_LONG_ENUM(type) _enum_pad_ ## type = (1ULL << (seL4_WordBits - 1)) - 1
#define LIBSEL4_INLINE static inline
#define LIBSEL4_INLINE_FUNC static inline
