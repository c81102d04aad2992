// glibc's allocator calls, which Swift's Glibc module leaves out: the index writer returns a
// written segment's buffer with `malloc_trim` (IndexWriter), and `jiansuo index` fixes the
// mmap threshold with `mallopt` (IndexCommand). Empty where there is no <malloc.h>.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
