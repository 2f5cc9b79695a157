#include <sel4/sel4.h>
