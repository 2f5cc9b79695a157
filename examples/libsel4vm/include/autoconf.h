/* guestram: the kernel build configuration the compiled files read. One node, no deferred mapping. */
#define CONFIG_MAX_NUM_NODES 1
