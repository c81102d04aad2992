// The system zstd (libzstd-dev), which compresses the stored text in blocks (Codec/TextFile).
#include <zstd.h>
