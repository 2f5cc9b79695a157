/* guestram: an empty build configuration */
