/* guestram: sel4utils' build configuration (only what the compiled files read). */
#define CONFIG_SEL4UTILS_STACK_SIZE 65536
