/* guestram: libutils' build configuration. Errors only (ZF_LOG_ERROR); the adapter's stderr is diagnostics. */
#define CONFIG_LIB_UTILS_DEFAULT_ZF_LOG_LEVEL 5
