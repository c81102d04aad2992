// The system zlib (zlib1g-dev), for inflating the parts of .docx archives.
#include <zlib.h>

/// `inflateInit2` for raw deflate data (no zlib header), as ZIP stores it. A function
/// because `inflateInit2` is a macro Swift cannot call.
static inline int czlib_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
