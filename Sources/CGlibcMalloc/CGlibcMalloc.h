// glibc's allocator settings (mallopt), which Swift's Glibc module leaves out; `jiansuo index`
// fixes the mmap threshold (IndexCommand). Empty where there is no <malloc.h>.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
